package dev.crosskit.pipeline;

import dev.crosskit.build.BuildAdapter;
import dev.crosskit.build.BuildContext;
import dev.crosskit.build.BuildStep;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Runner;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.LogTail;
import dev.crosskit.exec.Result;
import dev.crosskit.host.Host;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.CompileCacheStats;
import dev.crosskit.result.JobSlotUse;
import dev.crosskit.result.Status;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TestCase;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One target's run through the pipeline: what the run shares ({@link MatrixContext}), the
 * target and its settings, its directory {@code <out>/<target>/}, and what the steps found so
 * far — the toolchain and runner (provision), the build environment and context (build), the
 * artifacts (collect, verify), the tests (test) and every step's result. Used by one thread.
 */
final class StepContext {
  private static final int TAIL_LINES = 15;
  private static final int MAX_SLOT_USES = 64;

  private final MatrixContext run;
  private final Target target;
  private final TargetSettings settings;
  private final Path dir;
  private final List<StepResult> results = new ArrayList<>();
  private final List<Artifact> artifacts = new ArrayList<>();
  private final List<TestCase> tests = new ArrayList<>();
  /** The job slots the running step's processes held so far; {@link #takeSlotUses} hands them to its result. */
  private final List<JobSlotUse> slotUses = new ArrayList<>();
  private Toolchain toolchain;
  private Optional<Runner> runner = Optional.empty();
  private String toolchainVersion;
  private BuildEnvironment environment;
  private BuildContext build;
  private boolean built;
  private boolean collected;
  private boolean installed;
  private CompileCacheStats compileCache;
  private String configureCache;

  StepContext(MatrixContext run, Target target, TargetSettings settings) {
    this.run = run;
    this.target = target;
    this.settings = settings;
    this.dir = run.outDir().resolve(target.name());
  }

  // ----- the run -----

  MatrixContext run() {
    return run;
  }

  Target target() {
    return target;
  }

  TargetSettings settings() {
    return settings;
  }

  BuildAdapter adapter() {
    return run.adapter();
  }

  Host host() {
    return run.host();
  }

  PipelineOptions options() {
    return run.options();
  }

  /** {@code <out>/<target>/}. */
  Path dir() {
    return dir;
  }

  Path log(String name) {
    return dir.resolve("logs").resolve(name);
  }

  /** Whether the other targets are being stopped (--fail-fast). */
  boolean stopped() {
    return run.stop().get();
  }

  /** Whether this target is being stopped because another one failed (--fail-fast), not it. */
  boolean stoppedByAnother() {
    return stopped() && results.stream().noneMatch(r -> r.status() == Status.FAILED);
  }

  // ----- what the steps found -----

  /** Provision's answer: the toolchain (possibly incomplete, for builds that need no C compiler) and the runner. */
  void provisioned(Toolchain tc, Optional<Runner> r) {
    this.toolchain = tc;
    this.runner = r;
    this.environment = BuildEnvironment.forBuild(tc, r, settings, run.projectDir(), run.sourceDateEpoch());
  }

  Toolchain toolchain() {
    return toolchain;
  }

  Optional<Runner> runner() {
    return runner;
  }

  /** What the C compiler says it is ({@code --version}'s first line), or null. */
  String toolchainVersion() {
    return toolchainVersion;
  }

  void toolchainVersion(String firstLine) {
    this.toolchainVersion = firstLine;
  }

  String toolchainText() {
    return toolchain == null ? null : !toolchain.complete() ? "no C toolchain"
        : toolchain.kind() + " " + toolchain.cc().getFileName();
  }

  /** The build environment: the toolchain's and the user's, with the build system's once the build step added them. */
  BuildEnvironment environment() {
    return environment;
  }

  void environment(BuildEnvironment withAdapterVariables) {
    this.environment = withAdapterVariables;
  }

  /** The variables for the target's own build directory. */
  Map<String, String> env() {
    return environment.variables(dir.resolve("build"));
  }

  BuildContext build() {
    return build;
  }

  void build(BuildContext ctx) {
    this.build = ctx;
  }

  /** Whether the build step passed (the project's tests and the canary then run). */
  boolean built() {
    return built;
  }

  void built(boolean b) {
    this.built = b;
  }

  /** Whether the build passed and its artifacts were collected (for verify and the reproducibility check). */
  boolean collected() {
    return built && collected;
  }

  void collected(boolean c) {
    this.collected = c;
  }

  /** Whether the build ran an install step into the staging directory (artifacts come from there). */
  boolean installed() {
    return installed;
  }

  void installed(boolean i) {
    this.installed = i;
  }

  /** What the compile cache did in this run's build, or null when it was not used. */
  CompileCacheStats compileCache() {
    return compileCache;
  }

  void compileCache(CompileCacheStats stats) {
    this.compileCache = stats;
  }

  /** Whether configure's check results came from the configure cache ("hit", "miss"), or null when it was not used. */
  String configureCache() {
    return configureCache;
  }

  void configureCache(String outcome) {
    this.configureCache = outcome;
  }

  List<Artifact> artifacts() {
    return artifacts;
  }

  List<TestCase> tests() {
    return tests;
  }

  List<StepResult> results() {
    return results;
  }

  /** Why canary and test cannot run: no runner for the target here, and what fixes it. */
  String noRunner() {
    return "cannot run " + target.name() + " programs on this host: " + host().runners().gap(target)
        .map(Object::toString).orElse("no runner") + "; run 'crosskit setup " + target.name() + "'";
  }

  /** Adds a step's result; under --fail-fast a failure stops the other targets. */
  void record(StepResult r) {
    results.add(r);
    run.listener().stepFinished(target.name(), r);
    if (r.status() == Status.FAILED && options().failFast()) {
      run.stopOthers().run();
    }
  }

  // ----- running commands -----

  /**
   * Gets the runner ready for the target's programs: Wine makes its prefix and its server starts
   * for the rest of the run, before (not inside) a step's timeout.
   */
  void prepare(Runner r) {
    run.servers().prepare(r);
  }

  /** Whether the build's tools take their jobs from the run's jobserver (the adapter's speak its protocol). */
  boolean jobserverBuild() {
    return run.slots().jobserver() && adapter().jobserverClient(host().tools());
  }

  /**
   * The tokens a build command holds while it runs: one for a jobserver client (its tools take
   * more from the pool as they need them), the target's fixed share for a build that is not.
   */
  int slotsFor(BuildStep step) {
    return step.name().equals("build") && !jobserverBuild() ? run.buildJobs() : 1;
  }

  /** Runs a command into a log, holding {@code slots} of the run's process slots meanwhile. */
  Result run(Command cmd, Path log, int slots) throws InterruptedException {
    return run(cmd, log, slots, null);
  }

  /** The same, handing each line of the output to {@code lines} as it arrives (null: nobody reads them). */
  Result run(Command cmd, Path log, int slots, Consumer<String> lines) throws InterruptedException {
    Result r;
    try (var held = run.slots().acquire(slots)) {
      long from = System.nanoTime();
      try {
        r = run.slots().asClient(cmd, client -> host().processes().toLog(client, log, lines));
      } finally {
        used(held, from);
      }
    }
    checkInterrupted();
    return r;
  }

  /** Runs a command and keeps its output (one slot). */
  Result capture(Command cmd) throws InterruptedException {
    Result r;
    try (var held = run.slots().acquire(1)) {
      long from = System.nanoTime();
      try {
        r = host().processes().capture(cmd);
      } finally {
        used(held, from);
      }
    }
    checkInterrupted();
    return r;
  }

  /**
   * Notes that a process held these slots from {@code from} until now. A step running very many
   * commands (hundreds) keeps the report small: past {@link #MAX_SLOT_USES} the last use is
   * stretched over the later ones instead.
   */
  private void used(JobSlots.Held held, long from) {
    double start = run.offset(from);
    double seconds = Math.round((System.nanoTime() - from) / 1e7) / 100.0;
    if (slotUses.size() < MAX_SLOT_USES) {
      slotUses.add(new JobSlotUse(held.numbers(), start, seconds));
      return;
    }
    JobSlotUse last = slotUses.remove(slotUses.size() - 1);
    SortedSet<Integer> slots = new TreeSet<>(last.slots());
    slots.addAll(held.numbers());
    double end = Math.max(last.start() + last.seconds(), start + seconds);
    slotUses.add(new JobSlotUse(List.copyOf(slots), last.start(), Math.round((end - last.start()) * 100) / 100.0));
  }

  /** The slot uses of the step that just ended, and a clean list for the next. */
  List<JobSlotUse> takeSlotUses() {
    List<JobSlotUse> uses = List.copyOf(slotUses);
    slotUses.clear();
    return uses;
  }

  static void checkInterrupted() throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
  }

  // ----- reporting -----

  /** A path as report.json gives it: relative to the output directory. */
  String rel(Path p) {
    return run.outDir().relativize(p).toString();
  }

  /** The last lines of a log, for a failed step's report (read from its end: a log may be gigabytes). */
  static String tail(Path log) {
    return LogTail.lastLines(log, TAIL_LINES);
  }

  static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }
}
