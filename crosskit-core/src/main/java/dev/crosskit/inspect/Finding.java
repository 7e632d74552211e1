package dev.crosskit.inspect;

/**
 * The result of one check on one binary, e.g. {@code FAIL max-glibc: needs GLIBC_2.34 (newer
 * than 2.31): __libc_start_main}. {@code check} is a stable key (the policy key it comes from).
 */
public record Finding(Severity severity, String check, String message) {
  public static Finding pass(String check, String message) {
    return new Finding(Severity.PASS, check, message);
  }

  public static Finding warn(String check, String message) {
    return new Finding(Severity.WARN, check, message);
  }

  public static Finding fail(String check, String message) {
    return new Finding(Severity.FAIL, check, message);
  }

  @Override
  public String toString() {
    return severity + " " + check + ": " + message;
  }
}
