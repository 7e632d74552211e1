package dev.crosskit.cli;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.base.HostTools;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * This machine with some programs taken off the PATH crosskit searches: a directory of links to
 * every program on $PATH except those whose names start with the given prefixes. Tests that need
 * "a target without a compiler" build that host instead of relying on a package being absent.
 */
final class HostWithout {
  private HostWithout() {}

  static Host programs(Path dir, String... prefixes) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    List<String> dirs = new java.util.ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"));
    for (String entry : dirs) {
      Path d = Path.of(entry.isEmpty() ? "." : entry);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        for (Path p : files.toList()) {
          String name = p.getFileName().toString();
          Path link = bin.resolve(name);
          if (Stream.of(prefixes).noneMatch(name::startsWith) && Files.isExecutable(p) && !Files.isDirectory(p)
              && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, p);
          }
        }
      }
    }
    return new Host(CrosskitHome.dir(), Path.of(System.getProperty("user.home")), new ProcessRunner(),
        new HostTools(List.of(bin)), Binfmt.system(), line -> { });
  }
}
