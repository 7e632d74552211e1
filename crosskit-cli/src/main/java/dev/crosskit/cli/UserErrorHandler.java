package dev.crosskit.cli;

import dev.crosskit.base.UserException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line and the exit code {@link ExitCodes} maps
 * it to. A {@link dev.crosskit.base.UserException} is its message alone; an I/O error says so;
 * anything else is a crosskit bug and says that. The stack trace appears only with
 * {@code --verbose} or CROSSKIT_DEBUG set, and never for a UserException.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int code = cmd.getExitCodeExceptionMapper().getExitCode(ex);
    if (ex instanceof UserException user) {
      err.println("crosskit: " + visible(user.getMessage()));
      return code;
    }
    boolean trace = verbose(parseResult) || System.getenv("CROSSKIT_DEBUG") != null;
    String hint = trace ? "" : " (rerun with --verbose or CROSSKIT_DEBUG=1 for the stack trace)";
    if (code == ExitCodes.INTERNAL) {
      err.println("crosskit: this is a crosskit bug: " + visible(oneLine(ex)) + hint);
    } else {
      err.println("crosskit: " + visible(oneLine(ex)) + hint);
    }
    if (trace) {
      ex.printStackTrace(err);
    }
    return code;
  }

  /**
   * A message as one line of plain text: it may quote what the user wrote (a key, a target name,
   * a file name), which can hold line breaks or terminal escapes. Control characters are shown
   * as escapes ({@code \n}, {@code \u001b}) instead of being printed.
   */
  static String visible(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(message.length());
    message.codePoints().forEach(c -> {
      if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append(' ');
      } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
  }

  /** The exception and its causes' messages on one line. */
  static String oneLine(Throwable t) {
    StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c != t) {
        sb.append(": ").append(c.getClass().getSimpleName());
      }
      if (c.getMessage() != null) {
        sb.append(": ").append(c.getMessage().replace('\n', ' '));
      }
    }
    return sb.toString();
  }

  /** Whether {@code --verbose} was given on the command line or to any of its subcommands. */
  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
