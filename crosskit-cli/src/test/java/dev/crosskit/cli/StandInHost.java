package dev.crosskit.cli;

import dev.crosskit.base.HostTools;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A host over a directory of its own: a cache, a binfmt_misc directory with nothing registered,
 * and a PATH whose gcc, g++, ar, ranlib and strip are stand-in files (finding a toolchain looks
 * at files; a build that compiles nothing needs no more). Processes are real.
 */
final class StandInHost {
  private StandInHost() {}

  static Host in(Path dir) throws IOException {
    Path bin = tools(dir, List.of("gcc", "g++", "ar", "ranlib", "strip"));
    return new Host(dir.resolve("cache"), dir.resolve("user"), new ProcessRunner(), new HostTools(List.of(bin)),
        new Binfmt(dir.resolve("no-binfmt")), line -> { });
  }

  /** Adds stand-in files for {@code tools} to the PATH of the host {@link #in} makes over {@code dir}; returns it. */
  static Path tools(Path dir, List<String> tools) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : tools) {
      Path p = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexit 99\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }
}
