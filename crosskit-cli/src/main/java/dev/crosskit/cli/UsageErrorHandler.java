package dev.crosskit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Bad usage: one line saying what was wrong, exit code 2, no stack trace. An unknown option or
 * a missing argument also gets suggestions and a pointer to --help; a bad value or two options
 * that exclude each other is said in full in the one line.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    // picocli starts some messages (mutually exclusive options) with "Error: ": crosskit's prefix says that
    err.println("crosskit: " + UserErrorHandler.visible(ex.getMessage().replaceFirst("^Error: ", "")));
    if (ex instanceof CommandLine.UnmatchedArgumentException || ex instanceof CommandLine.MissingParameterException) {
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    return ExitCodes.USAGE;
  }
}
