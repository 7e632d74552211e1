package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome of one step for one target.
 *
 * @param step which step (written as its {@link Step#id()})
 * @param summary one line for the table ("6/6 passed", "aarch64 dynamic glibc 2.34", a reason)
 * @param log the step's log file, relative to the output directory, or null
 * @param tail the last lines of the log when the step failed, else null
 * @param start seconds after the run started when the step began; null when it did not run in
 *     this run (cached) or the report is older than this field
 * @param jobSlots when its processes held which job slots, in order; null when it ran none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepResult(Step step, Status status, double seconds, String summary, String log, String tail,
    Double start, List<JobSlotUse> jobSlots) {
  @JsonCreator
  public StepResult {
    jobSlots = jobSlots == null || jobSlots.isEmpty() ? null : List.copyOf(jobSlots);
  }

  /** A result not (yet) placed in time. */
  public StepResult(Step step, Status status, double seconds, String summary, String log, String tail) {
    this(step, status, seconds, summary, log, tail, null, null);
  }

  public static StepResult skipped(Step step, String reason) {
    return new StepResult(step, Status.SKIPPED, 0, reason, null, null);
  }

  public static StepResult interrupted(Step step, double seconds) {
    return new StepResult(step, Status.INTERRUPTED, seconds, "interrupted: crosskit was stopped and killed the step's processes",
        null, null);
  }

  /** The same result placed in the run's time: when it began and the job slots it held. */
  public StepResult at(double startSeconds, List<JobSlotUse> slots) {
    return new StepResult(step, status, seconds, summary, log, tail, startSeconds, slots);
  }

  /** The result reused by a later run: its time is that of the run that made it, so it is not placed in this one's. */
  public StepResult asCached() {
    return new StepResult(step, status == Status.PASSED ? Status.CACHED : status, seconds, summary, log, tail);
  }
}
