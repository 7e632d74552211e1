package dev.crosskit.exec;

import java.time.Duration;
import java.util.List;

/**
 * What a finished process did.
 *
 * @param exitCode the exit status; -1 when the process was killed at the timeout or never started
 * @param timedOut true when crosskit killed the process tree at the timeout (or because it was stopping)
 * @param output captured standard output; for a run into a log file, the log's last lines (bounded);
 *     empty when it was streamed elsewhere
 * @param error captured standard error (empty when it was streamed or merged)
 * @param leftovers processes the command left running when it exited ("sleep (pid 123)"), which
 *     crosskit then killed
 */
public record Result(int exitCode, boolean timedOut, String output, String error, Duration elapsed,
    List<String> leftovers) {
  public Result {
    leftovers = List.copyOf(leftovers);
  }

  public Result(int exitCode, boolean timedOut, String output, String error, Duration elapsed) {
    this(exitCode, timedOut, output, error, elapsed, List.of());
  }

  public boolean ok() {
    return exitCode == 0 && !timedOut;
  }

  /** The last {@code n} lines of output and error together, for failure reports. */
  public String tail(int n) {
    String all = (output + (error.isEmpty() ? "" : "\n" + error)).strip();
    String[] lines = all.split("\n");
    int from = Math.max(0, lines.length - n);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }
}
