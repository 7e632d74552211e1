package dev.crosskit.result;

/**
 * One test as the project's test runner reported it.
 *
 * @param status {@code passed}, {@code failed} or {@code skipped}
 * @param seconds how long it ran, or 0 when the runner does not say
 */
public record TestCase(String name, String status, double seconds, String message) {
  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public boolean failed() {
    return FAILED.equals(status);
  }
}
