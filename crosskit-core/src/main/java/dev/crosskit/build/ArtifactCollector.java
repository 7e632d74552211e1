package dev.crosskit.build;

import dev.crosskit.inspect.Inspector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds a build's artifacts: the files matching the configured globs (matched against the path
 * relative to the build directory and against the bare file name), or, when none are
 * configured, every executable and shared library the build produced outside the build
 * system's own bookkeeping directories and test programs.
 */
public final class ArtifactCollector {
  private static final Set<String> BOOKKEEPING = Set.of("CMakeFiles", "meson-private", "meson-info", "meson-logs",
      ".deps", ".libs", "Testing", ".fingerprint", "deps", "incremental");

  private ArtifactCollector() {}

  public static List<Path> collect(Path buildDir, List<String> globs) {
    List<PathMatcher> matchers = globs.stream()
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(buildDir)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !inBookkeeping(buildDir.relativize(p)))
          .forEach(p -> {
            Path rel = buildDir.relativize(p);
            boolean wanted = matchers.isEmpty()
                ? looksLikeDeliverable(p)
                : matchers.stream().anyMatch(m -> m.matches(rel) || m.matches(rel.getFileName()));
            if (wanted) {
              out.add(rel);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + buildDir, e);
    }
    out.sort(null);
    return out;
  }

  private static boolean inBookkeeping(Path rel) {
    for (Path part : rel) {
      if (BOOKKEEPING.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static boolean looksLikeDeliverable(Path p) {
    String name = p.getFileName().toString();
    if (name.endsWith(".o") || name.endsWith(".obj") || name.endsWith(".a") || name.startsWith("test")
        || name.startsWith("build-script-")) {
      return false;
    }
    return Inspector.detect(p).isPresent() && (Files.isExecutable(p) || name.contains(".so") || name.endsWith(".dll")
        || name.endsWith(".exe") || name.endsWith(".dylib"));
  }
}
