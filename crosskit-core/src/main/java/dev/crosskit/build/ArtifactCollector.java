package dev.crosskit.build;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.inspect.Inspector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds a build's artifacts under a root (the install tree, else the build directory): the
 * files matching the configured globs (matched against the path relative to the root and
 * against the bare file name), or, when none are configured, every executable and shared
 * library there outside the build system's own bookkeeping directories (CMake's, Meson's
 * {@code *.p} object directories, libtool's {@code .libs}) and test programs. A glob that
 * names a path reaches into bookkeeping directories too ({@code src/.libs/libfoo.so*}).
 *
 * <p>A symlink is an artifact only when what it resolves to is inside the build tree: a build's
 * {@code ln -s /usr/bin/ls} or {@code ln -s /etc/shadow leak} must not deliver the host's files.
 * Such a link is refused with a line naming it; a link inside the tree is kept as a link.
 */
public final class ArtifactCollector {
  private static final Set<String> BOOKKEEPING = Set.of("CMakeFiles", "meson-private", "meson-info", "meson-logs",
      ".deps", ".libs", "Testing", ".fingerprint", "deps", "incremental");

  private ArtifactCollector() {}

  /**
   * What a build delivered.
   *
   * @param files the artifacts, relative to the build directory, sorted; links among them point inside the tree
   * @param refused one line per wanted symlink that leads out of the build tree ("leak -> /etc/shadow ...")
   */
  public record Found(List<Path> files, List<String> refused) {}

  /**
   * What to take by default besides the globs.
   *
   * @param sharedLibraries whether shared libraries are deliverables (not for static-only targets)
   * @param staticLibraries whether static libraries are (instead of programs and shared libraries)
   * @param excluded files the build system says are tests or build-machine tools (relative to the root),
   *     left out unless a glob names them
   */
  public record Defaults(boolean sharedLibraries, boolean staticLibraries, Set<Path> excluded) {
    public static final Defaults ALL = new Defaults(true, false, Set.of());

    /** Only static libraries ({@code lib*.a}): what a project that installs no program or shared library delivers. */
    public static final Defaults STATIC_LIBRARIES = new Defaults(false, true, Set.of());
  }

  /** The artifacts under {@code buildDir} (see {@link #find}); refused links are left out. */
  public static List<Path> collect(Path buildDir, List<String> globs) {
    return find(buildDir, globs).files();
  }

  public static Found find(Path buildDir, List<String> globs) {
    return find(buildDir, globs, Defaults.ALL);
  }

  public static Found find(Path buildDir, List<String> globs, Defaults defaults) {
    List<PathMatcher> matchers = globs.stream()
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    List<Path> out = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(buildDir)) {
      Path realRoot = buildDir.toRealPath();
      for (Path p : walk.toList()) {
        Path rel = buildDir.relativize(p);
        boolean link = Files.isSymbolicLink(p);
        if (!(link || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            || matchers.isEmpty() && defaults.excluded().contains(rel)
            || inBookkeeping(rel) && !matchers.stream().anyMatch(m -> m.matches(rel))) {
          continue;
        }
        boolean inside = true;
        if (link) {
          Path real = realPath(p);
          if (real == null || real.startsWith(realRoot) && !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            continue; // dangling, or a directory of the tree whose files are walked where they are
          }
          inside = real.startsWith(realRoot);
        }
        // a link out of the tree is never read: by default only its name decides (refused when it
        // would count), a named artifact is refused in any case
        boolean wanted = matchers.isEmpty()
            ? inside ? defaults.staticLibraries() ? isStaticLibrary(p) : looksLikeDeliverable(p, defaults.sharedLibraries())
                : Files.isExecutable(p) && Files.isRegularFile(p) && !excludedName(p)
            : matchers.stream().anyMatch(m -> m.matches(rel) || m.matches(rel.getFileName()));
        if (!wanted) {
          continue;
        }
        if (inside) {
          out.add(rel);
        } else {
          refused.add(rel + " -> " + Files.readSymbolicLink(p) + " leaves the build tree: not collected");
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException("cannot list " + buildDir, e instanceof IOException io ? io
          : ((UncheckedIOException) e).getCause());
    }
    out.sort(null);
    refused.sort(null);
    return new Found(List.copyOf(out), List.copyOf(refused));
  }

  /**
   * Copies found artifacts from {@code root} into {@code dest}, each at its path under the root
   * ({@code bin/tool}, {@code lib/libz.so.1}): two files of the same name in different
   * directories stay apart. A link whose file is another of them in the same directory becomes
   * a link to that file's name (as {@code libfoo.so -> libfoo.so.1.2}, also for a chain of links);
   * any other link (inside the tree, see {@link #find}) is copied as the file it leads to.
   *
   * @return the files written, in the order of {@code files}
   */
  public static List<Path> copyInto(Path root, List<Path> files, Path dest) throws IOException {
    Map<Path, Path> realFiles = new HashMap<>();
    for (Path rel : files) {
      Path p = root.resolve(rel);
      if (!Files.isSymbolicLink(p)) {
        realFiles.putIfAbsent(p.toRealPath(), rel);
      }
    }
    Files.createDirectories(dest);
    List<Path> written = new ArrayList<>();
    for (Path rel : files) {
      Path from = root.resolve(rel);
      Path to = dest.resolve(rel.toString());
      Files.createDirectories(to.getParent());
      Files.deleteIfExists(to);
      Path file = Files.isSymbolicLink(from) ? realFiles.get(from.toRealPath()) : null;
      if (file != null && !file.equals(rel) && sameDirectory(file, rel)) {
        Files.createSymbolicLink(to, file.getFileName());
      } else {
        AtomicFiles.copy(from.toRealPath(), to);
      }
      written.add(to);
    }
    return written;
  }

  private static boolean sameDirectory(Path a, Path b) {
    return java.util.Objects.equals(a.getParent(), b.getParent());
  }

  /** Where a link leads in the end (through any chain of links), or null when nowhere. */
  private static Path realPath(Path link) {
    try {
      return link.toRealPath();
    } catch (IOException dangling) {
      return null;
    }
  }

  private static boolean inBookkeeping(Path rel) {
    Path dir = rel.getParent();
    for (Path part : dir == null ? List.<Path>of() : dir) {
      // Meson keeps a target's objects and generated files in <target>.p/
      if (BOOKKEEPING.contains(part.toString()) || part.toString().endsWith(".p")) {
        return true;
      }
    }
    return false;
  }

  private static boolean excludedName(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".o") || name.endsWith(".obj") || name.endsWith(".a") || name.startsWith("test")
        || name.startsWith("build-script-");
  }

  private static boolean isStaticLibrary(Path p) {
    String name = p.getFileName().toString();
    if (!name.endsWith(".a") || !Files.isRegularFile(p)) {
      return false;
    }
    try (var in = Files.newInputStream(p)) {
      return java.util.Arrays.equals(in.readNBytes(8), "!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean looksLikeDeliverable(Path p, boolean sharedLibraries) {
    String name = p.getFileName().toString();
    if (excludedName(p) || Inspector.detect(p).isEmpty()) {
      return false;
    }
    boolean library = name.contains(".so") || name.endsWith(".dll") || name.endsWith(".dylib");
    if (library) {
      return sharedLibraries;
    }
    return Files.isExecutable(p) || name.endsWith(".exe");
  }
}
