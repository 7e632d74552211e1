package dev.crosskit.cli;

/** The exit codes every crosskit command uses. */
final class ExitCodes {
  static final int OK = 0;
  /** A check, build or test failed. */
  static final int FAILED = 1;
  /** Bad usage or bad input. */
  static final int USAGE = 2;

  private ExitCodes() {}
}
