package dev.crosskit.base;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds programs and files on this host by looking at the file system only (no process is
 * started), so that {@code crosskit targets} and {@code doctor} stay fast.
 */
public final class HostTools {
  private final List<Path> searchPath;

  public HostTools(List<Path> searchPath) {
    this.searchPath = List.copyOf(searchPath);
  }

  /** $PATH, plus the system directories a non-login root shell may lack (update-binfmts is in /usr/sbin). */
  public static HostTools system() {
    Set<Path> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(File.pathSeparator)) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
    }
    for (String d : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      dirs.add(Path.of(d));
    }
    return new HostTools(new ArrayList<>(dirs));
  }

  /** The executable for a name (looked up on the search path) or an absolute path; empty when absent. */
  public Optional<Path> which(String nameOrPath) {
    if (nameOrPath.startsWith("/")) {
      Path p = Path.of(nameOrPath);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    if (nameOrPath.startsWith("~/")) {
      return which(expandHome(nameOrPath));
    }
    for (Path dir : searchPath) {
      Path p = dir.resolve(nameOrPath);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The first of several candidate names that exists. */
  public Optional<Path> whichAny(List<String> names) {
    for (String n : names) {
      Optional<Path> p = which(n);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  public boolean isDirectory(String path) {
    return Files.isDirectory(Path.of(expandHome(path)));
  }

  /**
   * Directories matching a pattern whose only wildcards are whole-component {@code *} globs
   * ({@code /usr/lib/gcc/x86_64-w64-mingw32/*-posix}); sorted, so newest-version-last is stable.
   */
  public List<Path> glob(String pattern) {
    String expanded = expandHome(pattern);
    List<Path> current = List.of(Path.of("/"));
    for (String part : expanded.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      List<Path> next = new ArrayList<>();
      for (Path base : current) {
        if (!part.contains("*")) {
          Path p = base.resolve(part);
          if (Files.exists(p)) {
            next.add(p);
          }
          continue;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, part)) {
          ds.forEach(next::add);
        } catch (IOException | SecurityException e) {
          // unreadable or absent: nothing matches there
        }
      }
      next.sort(null);
      current = next;
    }
    return current;
  }

  static String expandHome(String path) {
    return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
  }
}
