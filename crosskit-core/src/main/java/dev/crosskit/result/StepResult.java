package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of one step for one target.
 *
 * @param step {@code provision}, {@code build}, {@code verify}, {@code canary} or {@code test}
 * @param summary one line for the table ("6/6 passed", "aarch64 dynamic glibc 2.34", a reason)
 * @param log the step's log file, relative to the output directory, or null
 * @param tail the last lines of the log when the step failed, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepResult(String step, Status status, double seconds, String summary, String log, String tail) {
  public static StepResult skipped(String step, String reason) {
    return new StepResult(step, Status.SKIPPED, 0, reason, null, null);
  }

  public StepResult asCached() {
    return new StepResult(step, status == Status.PASSED ? Status.CACHED : status, seconds, summary, log, tail);
  }
}
