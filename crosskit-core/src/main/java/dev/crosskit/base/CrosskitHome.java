package dev.crosskit.base;

import java.nio.file.Path;

/**
 * Where crosskit keeps what it downloads or creates outside a project (sysroots, the Wine
 * prefix, generated toolchain files): {@code $CROSSKIT_HOME}, else {@code $XDG_CACHE_HOME/crosskit}, else {@code ~/.cache/crosskit}.
 */
public final class CrosskitHome {
  private CrosskitHome() {}

  public static Path dir() {
    String home = System.getenv("CROSSKIT_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "crosskit").toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".cache", "crosskit");
  }

  /**
   * {@code dir}, after checking it can be crosskit's cache: a directory, or nothing yet (it is
   * made on first use). A file there would fail every download and sysroot with an I/O error.
   */
  public static Path requireUsable(Path dir) {
    if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
      throw new BadInputException("crosskit's cache " + dir + " is not a directory: point CROSSKIT_HOME (or"
          + " XDG_CACHE_HOME) at a directory, or remove the file");
    }
    return dir;
  }

  /** A path under the cache directory, e.g. {@code resolve("wine-prefix")}. */
  public static Path resolve(String first, String... more) {
    Path p = dir().resolve(first);
    for (String m : more) {
      p = p.resolve(m);
    }
    return p;
  }
}
