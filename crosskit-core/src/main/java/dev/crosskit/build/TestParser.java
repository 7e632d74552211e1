package dev.crosskit.build;

import dev.crosskit.result.TestCase;
import java.util.List;

/** Reads per-test results out of a test step's output (console lines, or JSON events). */
@FunctionalInterface
public interface TestParser {
  /** The tests found in {@code output}, in order; a name reported twice keeps its last result. */
  List<TestCase> parse(String output);
}
