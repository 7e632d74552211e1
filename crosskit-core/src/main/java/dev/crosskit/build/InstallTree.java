package dev.crosskit.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tree a build's install step wrote into its staging directory. A {@code DESTDIR} install
 * puts the files under the project's prefix ({@code <stage>/usr/local/bin/...}), a
 * {@code --prefix} install directly ({@code <stage>/bin/...}): the root is where the
 * installation directories ({@code bin}, {@code lib}, ...) begin, so artifacts keep paths such
 * as {@code bin/tool} and {@code lib/libz.so.1}.
 */
public final class InstallTree {
  /** Directory names that are installation directories, not part of a prefix. */
  private static final Set<String> INSTALL_DIRS = Set.of("bin", "sbin", "lib", "lib32", "lib64", "libexec", "include",
      "share", "etc", "var", "man", "doc");

  private InstallTree() {}

  /** The root of the installed tree under {@code stage}: down through a prefix's lone directories. */
  public static Path root(Path stage) {
    Path dir = stage;
    while (true) {
      List<Path> entries = entries(dir);
      if (entries.size() != 1 || !Files.isDirectory(entries.get(0)) || Files.isSymbolicLink(entries.get(0))
          || INSTALL_DIRS.contains(entries.get(0).getFileName().toString())) {
        return dir;
      }
      dir = entries.get(0);
    }
  }

  private static List<Path> entries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
