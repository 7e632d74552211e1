package dev.crosskit.pipeline;

import dev.crosskit.build.ArtifactCollector;
import dev.crosskit.build.BuildAdapter;
import dev.crosskit.build.BuildContext;
import dev.crosskit.config.TargetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a build's artifacts come from, and which they are: the install tree when the build
 * installed programs or libraries there (its static libraries when it installed nothing else),
 * else the build tree (the adapter's artifact directory), less what the build system knows to
 * be tests or tools for the build machine. A static-only target (musl, whose programs crosskit
 * links statically) takes no shared library unless one is named.
 *
 * @param root the directory the artifact paths are relative to
 * @param found the artifacts and the links refused
 * @param installed whether they come from the install tree
 */
record Deliverables(Path root, ArtifactCollector.Found found, boolean installed) {
  static Deliverables of(BuildAdapter adapter, BuildContext ctx, boolean installStepRan) {
    List<String> globs = ctx.settings().artifacts();
    boolean shared = !staticOnly(ctx);
    if (installStepRan) {
      Path root = adapter.installRoot(ctx);
      if (Files.isDirectory(root)) {
        ArtifactCollector.Found f = ArtifactCollector.find(root, globs,
            new ArtifactCollector.Defaults(shared, false, Set.of()));
        if (f.files().isEmpty() && f.refused().isEmpty() && globs.isEmpty()) {
          // a library installed as a static library only (musl builds, or a project that makes
          // no other): that is what it delivers
          f = ArtifactCollector.find(root, globs, ArtifactCollector.Defaults.STATIC_LIBRARIES);
        }
        if (!f.files().isEmpty() || !f.refused().isEmpty()) {
          return new Deliverables(root, f, true);
        }
      }
    }
    Path dir = adapter.artifactDir(ctx);
    if (!Files.isDirectory(dir)) {
      return new Deliverables(dir, new ArtifactCollector.Found(List.of(), List.of()), false);
    }
    Set<Path> excluded = new HashSet<>();
    for (Path rel : adapter.notDeliverables(ctx)) {
      Path abs = ctx.buildDir().resolve(rel).normalize();
      if (abs.startsWith(dir)) {
        excluded.add(dir.relativize(abs));
      }
    }
    return new Deliverables(dir, ArtifactCollector.find(dir, globs,
        new ArtifactCollector.Defaults(shared, false, excluded)), false);
  }

  /** crosskit's musl toolchains link statically; [verify] static = false says the project wants otherwise. */
  private static boolean staticOnly(BuildContext ctx) {
    TargetSettings s = ctx.settings();
    return ctx.target().isMusl() && s.verify().path("static").asBoolean(true);
  }
}
