package dev.crosskit.cli;

import dev.crosskit.shard.ShardSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by {@code crosskit build} and {@code crosskit test}. */
final class MatrixOptions {
  @Mixin SharedOptions.Project project;
  @Mixin SharedOptions.Targets targets;
  @Mixin SharedOptions.Jobs jobs;
  @Mixin SharedOptions.Out out;
  @Mixin SharedOptions.Json json;
  @Mixin SharedOptions.Timings timings;

  @Option(names = "--locked",
      description = "Fail (exit 1) when a toolchain, emulator, build tool or sysroot package differs from crosskit.lock.")
  boolean locked;

  @Option(names = "--shard", paramLabel = "I/N",
      description = {"Run only shard I of N ('crosskit plan --shards N' shows them); 'crosskit merge' joins the",
          "shards' output directories."})
  String shard;

  @ArgGroup(exclusive = true)
  OnFailure onFailure;

  /** What the other targets do when one fails: the two flags contradict each other. */
  static final class OnFailure {
    @Option(names = "--fail-fast", description = "Stop the other targets at the first failure: their running steps are killed.")
    boolean failFast;

    @Option(names = "--keep-going", description = "Finish every target whatever fails (the default).")
    boolean keepGoing;
  }

  @Option(names = "--rebuild", description = "Rebuild targets whose inputs did not change.")
  boolean rebuild;

  @Option(names = "--check-reproducible",
      description = "Build each target a second time in another directory and compare the artifacts byte for byte.")
  boolean checkReproducible;

  @Option(names = "--no-cache",
      description = "Compile without the compile cache (ccache), as [build] cache = false does.")
  boolean noCache;

  @Option(names = {"-q", "--quiet"}, description = "Print only the final table.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Print every step with its log file.")
  boolean verbose;

  @Option(names = "--setup",
      description = "First set up what the project needs, as 'crosskit setup' in it does (packages as root, "
          + "sysroots, Rust std).")
  boolean setup;

  @Option(names = "--test-timeout", paramLabel = "DURATION",
      description = "Limit for each target's test step, e.g. 90s or 10m (overrides [test] timeout).")
  String testTimeout;

  /** What was asked, for {@link MatrixRun}. */
  MatrixRun.Request request(boolean runTests) {
    return new MatrixRun.Request(project.dir(), out.of(project), targets.spellings(), jobs.value(), runTests,
        onFailure != null && onFailure.failFast, rebuild, checkReproducible, noCache, quiet, verbose, json.json, testTimeout,
        setup, shard == null ? null : ShardSpec.parse(shard), timings, locked);
  }
}
