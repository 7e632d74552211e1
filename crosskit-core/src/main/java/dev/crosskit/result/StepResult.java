package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of one step for one target.
 *
 * @param step which step (written as its {@link Step#id()})
 * @param summary one line for the table ("6/6 passed", "aarch64 dynamic glibc 2.34", a reason)
 * @param log the step's log file, relative to the output directory, or null
 * @param tail the last lines of the log when the step failed, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepResult(Step step, Status status, double seconds, String summary, String log, String tail) {
  public static StepResult skipped(Step step, String reason) {
    return new StepResult(step, Status.SKIPPED, 0, reason, null, null);
  }

  public static StepResult interrupted(Step step, double seconds) {
    return new StepResult(step, Status.INTERRUPTED, seconds, "interrupted: crosskit was stopped and killed the step's processes",
        null, null);
  }

  public StepResult asCached() {
    return new StepResult(step, status == Status.PASSED ? Status.CACHED : status, seconds, summary, log, tail);
  }
}
