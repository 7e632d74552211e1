package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Which exception ends a command with which exit code and message: bad input 2, a failure 1, an
 * unexpected exception 70 with one line calling it a crosskit bug; the stack trace only with --verbose.
 */
class ExitCodesTest {
  /** A command that throws what it is told to. */
  @CommandLine.Command(name = "throw")
  static final class Thrower implements Callable<Integer> {
    @CommandLine.Parameters String kind;

    @Override
    public Integer call() {
      throw switch (kind) {
        case "bad-input" -> new BadInputException("no such thing 'x'; use 'y'");
        case "failed" -> new FailedException("the download failed");
        case "io" -> new UncheckedIOException("cannot write report.json", new IOException("No space left on device"));
        default -> new IllegalStateException("a target pipeline failed unexpectedly");
      };
    }
  }

  private static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(Main.model(Host.system(line -> { })));
    cli.addSubcommand(new Thrower());
    Main.configure(cli, new PrintWriter(out), new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRunner(code, out.toString(), err.toString());
  }

  @Test
  void badInputIsExit2AndOneLine() {
    CliRunner r = run("throw", "bad-input");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("crosskit: no such thing 'x'; use 'y'" + System.lineSeparator());
  }

  @Test
  void aFailureIsExit1AndOneLine() {
    CliRunner r = run("throw", "failed");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("crosskit: the download failed" + System.lineSeparator());
    CliRunner io = run("throw", "io");
    assertThat(io.exitCode()).isEqualTo(1);
    assertThat(io.err().lines()).singleElement().asString()
        .contains("cannot write report.json", "No space left on device").doesNotContain("crosskit bug");
  }

  @Test
  void anUnexpectedExceptionIsACrosskitBugWithItsOwnCode() {
    CliRunner r = run("throw", "bug");
    assertThat(r.exitCode()).isEqualTo(70);
    assertThat(r.err().lines()).singleElement().asString()
        .startsWith("crosskit: this is a crosskit bug: IllegalStateException: a target pipeline failed unexpectedly")
        .contains("--verbose");
  }

  @Test
  void verboseShowsTheStackTrace() {
    CliRunner r = run("--verbose", "throw", "bug");
    assertThat(r.exitCode()).isEqualTo(70);
    assertThat(r.err()).contains("this is a crosskit bug", "at dev.crosskit.cli.ExitCodesTest$Thrower.call");
    // never for a problem that is the user's to fix
    assertThat(run("--verbose", "throw", "bad-input").err()).doesNotContain("\tat ");
  }

  @Test
  void badUsageIsExit2() {
    CliRunner r = run("throw");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("crosskit: Missing required parameter");
  }
}
