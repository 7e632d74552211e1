package dev.crosskit.pipeline;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.UserException;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Runner;
import dev.crosskit.result.Status;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs one target through its steps, writing everything under {@code <out>/<target>/}:
 * {@code build/}, {@code logs/<step>.log}, {@code artifacts/}, {@code canary/} and
 * {@code state.json} ({@link BuildCache}). Provision comes first; unchanged inputs then give
 * the last passing result back. Otherwise the steps run in order: build, collect, verify,
 * reproducible, canary, test ({@link TargetStep}; each decides whether it applies or is skipped).
 *
 * <p>Whatever a step throws ends this target with that step failed — and, for anything but a
 * {@link UserException} or an I/O error, names it a crosskit bug with the stack trace in
 * {@code logs/crosskit-bug.log} — while the other targets go on and the report is written. When
 * crosskit is stopping, or another target failed under --fail-fast, the running step is
 * INTERRUPTED (its processes killed) and the target ends.
 */
final class TargetPipeline {
  /** The steps after provision, in order. */
  private static final List<TargetStep> STEPS = List.of(new ProjectBuildStep(), new CollectStep(), new VerifyStep(),
      new ReproducibleStep(), new CanaryStep(), new ProjectTestStep());
  private static final TargetStep PROVISION = new ProvisionStep();

  private final MatrixContext run;
  private final Target target;
  private final TargetSettings settings;

  TargetPipeline(MatrixContext run, Target target, TargetSettings settings) {
    this.run = run;
    this.target = target;
    this.settings = settings;
  }

  TargetResult run() {
    long start = System.nanoTime();
    StepContext c = new StepContext(run, target, settings);
    if (!perform(PROVISION, c) || c.toolchain() == null) {
      return finish(c, start);
    }
    BuildCache cache = new BuildCache(c.dir(), run.outDir());
    String key;
    try {
      key = BuildCache.key(run, settings, c.toolchain());
      Optional<TargetResult> cached = run.options().rebuild() ? Optional.empty() : cache.lookup(key);
      if (cached.isPresent()) {
        return reuse(cached.get(), c, start);
      }
      cache.invalidate(); // from here on the target's directory changes: its last state no longer holds
    } catch (IOException | UncheckedIOException e) {
      c.record(new StepResult(PROVISION.step(), Status.FAILED, 0, "cannot use " + c.dir() + ": " + e.getMessage(),
          null, null).at(run.offset(System.nanoTime()), List.of()));
      return finish(c, start);
    }
    for (TargetStep step : STEPS) {
      if (!perform(step, c)) {
        break;
      }
    }
    TargetResult result = finish(c, start);
    try {
      cache.save(key, result);
    } catch (IOException | UncheckedIOException e) {
      // the result stands; the next run only rebuilds
    }
    return result;
  }

  /**
   * Runs one step (or records why it is skipped).
   *
   * @return false when the target ends here: the step threw, was interrupted, or must pass and failed
   */
  private boolean perform(TargetStep step, StepContext c) {
    if (!step.applies(c)) {
      return true;
    }
    if (Thread.currentThread().isInterrupted() || run.host().processes().stopping() || c.stoppedByAnother()) {
      c.record(interrupted(c, step, 0).at(run.offset(System.nanoTime()), List.of()));
      return false;
    }
    Optional<String> skip = step.skipReason(c);
    if (skip.isPresent()) {
      c.record(StepResult.skipped(step.step(), skip.get()).at(run.offset(System.nanoTime()), List.of()));
      return true;
    }
    run.listener().stepStarted(target.name(), step.step());
    long start = System.nanoTime();
    c.takeSlotUses(); // what ran between steps (the cache's checks) belongs to none
    try {
      StepResult r = placed(c, step.run(c), start);
      if (Thread.currentThread().isInterrupted() || run.host().processes().stopping()) {
        throw new InterruptedException(); // its processes were killed: what it saw is not a verdict
      }
      if (r.status() != Status.PASSED || step.reportedWhenPassed(r)) {
        c.record(r);
      }
      return !(step.endsTargetOnFailure() && r.status().failed());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.record(placed(c, interrupted(c, step, StepContext.seconds(start)), start));
    } catch (UserException | IOException | UncheckedIOException e) {
      c.record(placed(c, new StepResult(step.step(), Status.FAILED, StepContext.seconds(start), e.getMessage(), null,
          null), start));
    } catch (RuntimeException | StackOverflowError e) {
      c.record(placed(c, new StepResult(step.step(), Status.FAILED, StepContext.seconds(start), "crosskit bug: "
          + oneLine(e) + " (please report it with the stack trace in the log)", bugLog(c, e), null), start));
    }
    return false;
  }

  /**
   * A step that did not finish, or did not start: crosskit is stopping (a signal), or another
   * target failed under --fail-fast. Either way it is no verdict and never cached.
   */
  private StepResult interrupted(StepContext c, TargetStep step, double seconds) {
    if (c.stoppedByAnother() && !run.host().processes().stopping()) {
      return new StepResult(step.step(), Status.INTERRUPTED, seconds, ProjectBuildStep.STOPPED, null, null);
    }
    return StepResult.interrupted(step.step(), seconds);
  }

  /** A step's result placed in the run's time: when it began and the job slots its processes held. */
  private StepResult placed(StepContext c, StepResult r, long start) {
    return r.at(run.offset(start), c.takeSlotUses());
  }

  /** Writes a crosskit bug's stack trace to {@code logs/crosskit-bug.log}; its path for the report, or null. */
  private static String bugLog(StepContext c, Throwable e) {
    Path log = c.log("crosskit-bug.log");
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    try {
      AtomicFiles.write(log, trace.toString());
      return c.rel(log);
    } catch (IOException | UncheckedIOException unwritable) {
      return null;
    }
  }

  static String oneLine(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().replace('\n', ' '));
  }

  private TargetResult finish(StepContext c, long start) {
    TargetResult r = new TargetResult(target.name(), c.toolchainText(), c.runner().map(Runner::name).orElse(null),
        c.runner().map(Runner::emulated).orElse(false), List.copyOf(c.results()), List.copyOf(c.tests()),
        List.copyOf(c.artifacts()), StepContext.seconds(start), false, run.offset(start), c.toolchainVersion(),
        c.compileCache(), null, c.configureCache());
    run.listener().targetFinished(r);
    return r;
  }

  /** The last passing result, its steps marked cached. */
  private TargetResult reuse(TargetResult last, StepContext c, long start) {
    List<StepResult> steps = last.steps().stream().map(StepResult::asCached).toList();
    steps.forEach(s -> run.listener().stepFinished(target.name(), s));
    String version = c.toolchainVersion() != null ? c.toolchainVersion() : last.toolchainVersion();
    TargetResult r = new TargetResult(target.name(), last.toolchain(), last.runner(), last.emulated(), steps,
        last.tests(), last.artifacts(), StepContext.seconds(start), true, run.offset(start), version);
    run.listener().targetFinished(r);
    return r;
  }
}
