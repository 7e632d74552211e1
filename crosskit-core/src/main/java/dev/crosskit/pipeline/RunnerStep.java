package dev.crosskit.pipeline;

import dev.crosskit.emulate.Runner;
import dev.crosskit.result.Status;
import dev.crosskit.result.StepResult;
import java.io.IOException;
import java.util.Optional;

/**
 * A step that runs programs of the target under its runner (natively, QEMU, Wine): the canary
 * and the project's tests, in {@code crosskit test} only. Without a runner for the target here
 * it fails, saying what to install; otherwise the step decides whether it is skipped.
 */
abstract class RunnerStep implements TargetStep {
  @Override
  public final boolean applies(StepContext c) {
    return c.options().runTests();
  }

  @Override
  public final Optional<String> skipReason(StepContext c) {
    return c.runner().isEmpty() ? Optional.empty() : skipWithRunner(c); // without one it fails: nothing can run
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
