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

  /** A path under the cache directory, e.g. {@code resolve("wine-prefix")}. */
  public static Path resolve(String first, String... more) {
    Path p = dir().resolve(first);
    for (String m : more) {
      p = p.resolve(m);
    }
    return p;
  }
}
