package dev.crosskit.cli;

import dev.crosskit.base.UserException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into one clear line. A {@link UserException} is bad input
 * (exit 2); anything else is a crosskit bug, reported in one line plus a hint to rerun with
 * CROSSKIT_DEBUG=1 for the stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof UserException user) {
      err.println("crosskit: " + user.getMessage());
      return user.exitCode();
    }
    err.println("crosskit: internal error: " + ex);
    if (System.getenv("CROSSKIT_DEBUG") != null) {
      ex.printStackTrace(err);
    } else {
      err.println("Rerun with CROSSKIT_DEBUG=1 to see the stack trace.");
    }
    return ExitCodes.FAILED;
  }
}
