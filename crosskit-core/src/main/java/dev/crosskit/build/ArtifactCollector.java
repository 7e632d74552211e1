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
 * Finds a build's artifacts: the files matching the configured globs (matched against the path
 * relative to the build directory and against the bare file name), or, when none are
 * configured, every executable and shared library the build produced outside the build
 * system's own bookkeeping directories and test programs.
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

  /** The artifacts under {@code buildDir} (see {@link #find}); refused links are left out. */
  public static List<Path> collect(Path buildDir, List<String> globs) {
    return find(buildDir, globs).files();
  }

  public static Found find(Path buildDir, List<String> globs) {
    List<PathMatcher> matchers = globs.stream()
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    List<Path> out = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(buildDir)) {
      Path realRoot = buildDir.toRealPath();
      for (Path p : walk.toList()) {
        Path rel = buildDir.relativize(p);
        boolean link = Files.isSymbolicLink(p);
        if (!(link || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) || inBookkeeping(rel)) {
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
            ? inside ? looksLikeDeliverable(p) : Files.isExecutable(p) && Files.isRegularFile(p) && !excludedName(p)
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
   * Copies found artifacts from {@code buildDir} into the flat directory {@code dest} (by file
   * name). A link whose target is another of them becomes a link to that file's name there (as
   * {@code libfoo.so -> libfoo.so.1.2}); any other link (inside the tree, see {@link #find}) is
   * copied as the file it leads to.
   *
   * @return the files written, in the order of {@code files}
   */
  public static List<Path> copyInto(Path buildDir, List<Path> files, Path dest) throws IOException {
    Map<Path, Path> realFiles = new HashMap<>();
    for (Path rel : files) {
      Path p = buildDir.resolve(rel);
      if (!Files.isSymbolicLink(p)) {
        realFiles.putIfAbsent(p.toRealPath(), rel.getFileName());
      }
    }
    Files.createDirectories(dest);
    List<Path> written = new ArrayList<>();
    for (Path rel : files) {
      Path from = buildDir.resolve(rel);
      Path to = dest.resolve(rel.getFileName().toString());
      Files.deleteIfExists(to);
      Path sibling = Files.isSymbolicLink(from) ? realFiles.get(from.toRealPath()) : null;
      if (sibling != null && !sibling.equals(rel.getFileName())) {
        Files.createSymbolicLink(to, sibling);
      } else {
        AtomicFiles.copy(from.toRealPath(), to);
      }
      written.add(to);
    }
    return written;
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
    for (Path part : rel) {
      if (BOOKKEEPING.contains(part.toString())) {
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

  private static boolean looksLikeDeliverable(Path p) {
    String name = p.getFileName().toString();
    if (excludedName(p)) {
      return false;
    }
    return Inspector.detect(p).isPresent() && (Files.isExecutable(p) || name.contains(".so") || name.endsWith(".dll")
        || name.endsWith(".exe") || name.endsWith(".dylib"));
  }
}
