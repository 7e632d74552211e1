package dev.crosskit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Bad usage: one line saying what was wrong and where to look, exit code 2, no stack trace. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("crosskit: " + UserErrorHandler.visible(ex.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    return ExitCodes.USAGE;
  }
}
