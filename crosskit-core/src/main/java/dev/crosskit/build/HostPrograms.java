package dev.crosskit.build;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks programs up on the PATH without starting them. */
final class HostPrograms {
  private HostPrograms() {}

  static boolean has(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }
}
