package dev.crosskit.base;

/**
 * A problem with what the user gave crosskit (a name, a file, a flag): reported as one line,
 * never with a stack trace. The message says what was wrong and what to do.
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public UserException(String message) {
    this(message, 2);
  }

  public UserException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = 2;
  }

  public int exitCode() {
    return exitCode;
  }
}
