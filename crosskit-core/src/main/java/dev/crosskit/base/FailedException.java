package dev.crosskit.base;

/**
 * The input was fine but the work failed: a toolchain is missing, a download or source build
 * failed, a host tool is absent or gave an error. The message says what failed and how to fix
 * it. Exit code 1, like a failed build or check.
 */
public class FailedException extends UserException {
  private static final long serialVersionUID = 1L;

  public FailedException(String message) {
    super(message);
  }

  public FailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
