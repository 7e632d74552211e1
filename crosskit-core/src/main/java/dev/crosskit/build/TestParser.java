package dev.crosskit.build;

import dev.crosskit.result.TestCase;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads per-test results out of a test step's output (console lines, or JSON events), one line at
 * a time as the output streams: the output goes to the log file and is never held whole in
 * memory, and the reading keeps pace with the program, inside its timeout.
 */
@FunctionalInterface
public interface TestParser {
  /** More distinct tests than this are not recorded (the log still has them all): keeps memory bounded. */
  int MAX_TESTS = 100_000;

  /** A reading in progress: fed the output's lines in order, then asked for the tests. */
  interface Reading extends Consumer<String> {
    /** The tests found so far, in order; a name reported twice keeps its last result. */
    List<TestCase> tests();
  }

  Reading reading();

  /** The tests in {@code output}, split at '\n' (for output already in memory). */
  default List<TestCase> parse(String output) {
    Reading r = reading();
    Pattern.compile("\n").splitAsStream(output).forEach(r);
    return r.tests();
  }
}
