package dev.crosskit.base;

/**
 * A problem crosskit reports as one clear line, never with a stack trace: the message says what
 * was wrong and what to do. Two kinds: {@link BadInputException} (what the user gave crosskit is
 * wrong: exit 2) and {@link FailedException} (the input was fine, but a build, check, download or
 * host tool failed: exit 1). Any other exception escaping a command is a crosskit bug.
 */
public abstract class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected UserException(String message) {
    super(message);
  }

  protected UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
