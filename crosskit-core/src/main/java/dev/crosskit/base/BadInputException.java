package dev.crosskit.base;

/**
 * What the user gave crosskit is wrong: a name, a file, a flag, a configuration value. The
 * message names it and says what would be right. Exit code 2.
 */
public class BadInputException extends UserException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
