package dev.crosskit.result;

/**
 * One test as the project's test runner reported it.
 *
 * @param status {@code passed}, {@code failed} or {@code skipped}
 * @param seconds how long it ran, or 0 when the runner does not say
 * @param message why it failed, or {@link #EXPECTED_FAILURE} for a test that passed by failing
 *     as its project declares it must (Meson's EXPECTEDFAIL, automake's XFAIL)
 */
public record TestCase(String name, String status, double seconds, String message) {
  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";
  public static final String EXPECTED_FAILURE = "expected failure";

  public boolean failed() {
    return FAILED.equals(status);
  }

  /** A passed test that passed by failing, as declared (counted as passed, and said so). */
  public boolean expectedFailure() {
    return PASSED.equals(status) && EXPECTED_FAILURE.equals(message);
  }
}
