package dev.crosskit.pipeline;

import dev.crosskit.emulate.Runner;
import dev.crosskit.result.Status;
import dev.crosskit.result.StepResult;
import java.io.IOException;
import java.util.Optional;

/**
 * A step that runs programs of the target under its runner (natively, QEMU, Wine): the canary
 * and the project's tests, in {@code crosskit test} only. Without a runner for the target here
 * it fails, saying what to install, unless its toolchain family says its programs can never run
 * on Linux (macOS: no emulator exists), when it is skipped saying so; with a runner the step
 * decides whether it is skipped.
 */
abstract class RunnerStep implements TargetStep {
  @Override
  public final boolean applies(StepContext c) {
    return c.options().runTests();
  }

  @Override
  public final Optional<String> skipReason(StepContext c) {
    if (c.runner().isEmpty()) {
      // No emulator exists for the OS at all (macOS): nothing to set up, so the step says so plainly
      // and is skipped. Otherwise it fails, naming what to install: nothing can run.
      return c.host().runners().neverRuns(c.target());
    }
    return skipWithRunner(c);
  }

  /** Why the step is skipped although the target's programs can run here. */
  abstract Optional<String> skipWithRunner(StepContext c);

  @Override
  public final StepResult run(StepContext c) throws IOException, InterruptedException {
    if (c.runner().isEmpty()) {
      return new StepResult(step(), Status.FAILED, 0, c.noRunner(), null, null);
    }
    return run(c, c.runner().get());
  }

  abstract StepResult run(StepContext c, Runner runner) throws IOException, InterruptedException;
}
