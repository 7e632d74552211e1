package dev.crosskit.pipeline;

import dev.crosskit.build.BuildContext;
import dev.crosskit.build.ConfigureChecks;
import dev.crosskit.cache.ConfigureCache;
import dev.crosskit.cache.ConfigureKey;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A build's configure step through the configure cache ({@link ConfigureCache}): seeded with the
 * check results of an earlier identical configure when the cache has them, storing what it found
 * when it ran without them. A seeded configure that fails is not trusted to be the project's
 * fault: its entry is dropped and configure runs once more from nothing, so a bad entry costs
 * time, never a build. The outcome ("hit" or "miss") goes to report.json.
 */
final class CachedConfigure {
  static final String HIT = "hit";
  static final String MISS = "miss";

  private final StepContext c;
  private final BuildContext ctx;
  private final ConfigureChecks checks;
  private final ConfigureCache store;
  private int seeded;

  private CachedConfigure(StepContext c, BuildContext ctx, ConfigureChecks checks) {
    this.c = c;
    this.ctx = ctx;
    this.checks = checks;
    this.store = c.host().configureCache();
  }

  /**
   * The cache for this build's configure step: on with the compile cache, for the adapter's own
   * configure (not [build] configure, whose inputs crosskit cannot know) when its build system
   * takes results back. The second build of --check-reproducible never comes here: it configures
   * from nothing and stores nothing.
   */
  static Optional<CachedConfigure> of(StepContext c, BuildContext ctx) {
    if (!c.settings().compileCache() || c.settings().configure().isPresent()) {
      return Optional.empty();
    }
    return c.adapter().configureChecks(ctx).map(checks -> new CachedConfigure(c, ctx, checks));
  }

  /** Runs {@code configure} (the command as it would run without the cache) into {@code log}. */
  Result run(Command configure, Path log, int slots) throws IOException, InterruptedException {
    checks.forget(); // results of an earlier run in a kept directory are not this run's to reuse
    String key;
    try {
      key = new ConfigureKey().of(c.adapter().name(), c.toolchain(), checks.inputs(), configure, ctx.sourceDir(),
          ctx.buildDir());
    } catch (IOException | UncheckedIOException unreadable) {
      return c.run(checks.command(configure, false), log, slots); // an input that cannot be read: configure uncached
    }
    Optional<String> seed = store.lookup(key);
    if (seed.isPresent()) {
      checks.seed(seed.get());
      int results = checks.count(seed.get());
      note(log, results + " configure results from the configure cache (entry " + key.substring(0, 12) + ")");
      Result r = c.run(checks.command(configure, true), log, slots);
      if (r.ok() || r.timedOut()) {
        seeded = r.ok() ? results : 0;
        c.configureCache(HIT);
        return r;
      }
      note(log, "configure failed with the cached results: entry " + key.substring(0, 12)
          + " dropped, configuring again without them");
      store.drop(key);
      checks.forget();
    }
    Result r = c.run(checks.command(configure, false), log, slots);
    Optional<String> found = r.ok() ? checks.results() : Optional.empty();
    found.ifPresent(results -> store.store(key, results));
    if (found.isPresent() || !r.ok()) {
      c.configureCache(MISS); // a configure without checks to keep (no Check* calls) has nothing to miss
    }
    return r;
  }

  /** For the build step's summary: how many results configure was given, when it was. */
  Optional<String> summary() {
    return seeded == 0 ? Optional.empty() : Optional.of(seeded + " configure results from the cache");
  }

  /** Appends a line of crosskit's own to a step's log. */
  static void note(Path log, String text) throws IOException {
    Files.createDirectories(log.getParent());
    Files.writeString(log, "crosskit: " + text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
