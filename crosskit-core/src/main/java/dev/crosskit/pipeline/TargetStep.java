package dev.crosskit.pipeline;

import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import java.io.IOException;
import java.util.Optional;

/**
 * One step of a target's pipeline. {@link TargetPipeline} asks each step in turn whether it
 * applies to this run, whether it must be skipped and why, and then runs it. A step reads what
 * the steps before it found from the {@link StepContext} and adds what it finds.
 *
 * <p>Any exception a step throws fails that step and ends its target (the other targets go
 * on): a {@link dev.crosskit.base.UserException} or an I/O error with its message, anything
 * else as a crosskit bug. An {@link InterruptedException} marks it INTERRUPTED.
 */
interface TargetStep {
  Step step();

  /** Whether the step belongs to this run at all (canary and test only in {@code crosskit test}). */
  default boolean applies(StepContext c) {
    return true;
  }

  /** Why the step is skipped this time (reported as SKIPPED with this reason), or empty to run it. */
  default Optional<String> skipReason(StepContext c) {
    return Optional.empty();
  }

  /** Whether the target ends when this step fails (provision: nothing can run without a toolchain). */
  default boolean endsTargetOnFailure() {
    return false;
  }

  /**
   * Whether a passing result is reported (collect's is not, unless it warns: verify names every
   * artifact).
   */
  default boolean reportedWhenPassed(StepResult passed) {
    return true;
  }

  StepResult run(StepContext c) throws IOException, InterruptedException;
}
