package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** The exit codes every crosskit command uses, and which exception ends a command with which. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  static final int OK = 0;
  /** A check, build or test failed (or a download, a host tool, the disk). */
  static final int FAILED = 1;
  /** Bad usage or bad input. */
  static final int USAGE = 2;
  /** An exception crosskit did not expect: a crosskit bug (EX_SOFTWARE of sysexits.h). */
  static final int INTERNAL = 70;

  @Override
  public int getExitCode(Throwable t) {
    if (t instanceof BadInputException || t instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    // An I/O error (disk full, permissions, a vanished file) is the host's, not a bug in crosskit.
    if (t instanceof FailedException || t instanceof IOException || t instanceof UncheckedIOException) {
      return FAILED;
    }
    return INTERNAL;
  }
}
