package dev.crosskit.pipeline;

import dev.crosskit.build.BuildContext;
import dev.crosskit.build.BuildStep;
import dev.crosskit.cache.BootstrapCache;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A build's bootstrap step ({@code autoreconf -fi} in a target's copy of the sources) through the
 * configure cache ({@link BootstrapCache}): the first target of a run to get there bootstraps
 * and stores what it wrote, the others (and later runs of the same sources) wait for it and copy
 * the files in. On with the compile cache; never for --check-reproducible's second build, which
 * bootstraps from nothing.
 */
final class CachedBootstrap {
  static final String STEP = "bootstrap";

  private CachedBootstrap() {}

  /** Whether {@code step} of this build goes through the cache. */
  static boolean applies(StepContext c, BuildStep step) {
    return step.name().equals(STEP) && c.settings().compileCache();
  }

  /** Runs the bootstrap {@code command} (its cwd the target's copy of the sources) into {@code log}, or restores its files. */
  static Result run(StepContext c, BuildContext ctx, Command command, Path log, int slots)
      throws IOException, InterruptedException {
    BootstrapCache cache = c.host().configureCache().bootstrap();
    String key = BootstrapCache.key(command, c.run().sourceFingerprint());
    Path copy = ctx.sourceDir();
    return BootstrapCache.locked(key, () -> {
      Optional<Integer> restored = cache.restore(key, copy);
      if (restored.isPresent()) {
        CachedConfigure.note(log, restored.get() + " files of the bootstrap (" + String.join(" ", command.argv())
            + ") from the configure cache (entry " + key.substring(0, 12) + ")");
        return new Result(0, false, "", "", java.time.Duration.ZERO);
      }
      Result r = c.run(command, log, slots);
      if (r.ok()) {
        cache.store(key, c.run().projectDir(), copy);
      }
      return r;
    });
  }
}
