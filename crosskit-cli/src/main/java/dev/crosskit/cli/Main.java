package dev.crosskit.cli;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.host.Host;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Entry point of the crosskit command line. Every subcommand is a thin class that parses its
 * options and calls crosskit-core; {@link #run} is the testable seam (no System.exit).
 */
@Command(
    name = "crosskit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Cross-compile, verify, test and package native projects for many targets from one Linux x86_64 host.",
    subcommands = {CommandLine.HelpCommand.class, TargetsCommand.class, DoctorCommand.class, SetupCommand.class,
        EnvCommand.class, ToolchainFileCommand.class, RunCommand.class, DebugCommand.class, SysrootCommand.class,
        SdkCommand.class, InspectCommand.class,
        BuildCommand.class, TestCommand.class, ReportCommand.class, PackageCommand.class, ImageCommand.class,
        InitCommand.class, DemoCommand.class,
        CompletionCommand.class},
    footer = {"", "Exit codes: 0 success; 1 a check, build or test failed; 2 bad usage or input;",
        "70 an internal error (a crosskit bug: --verbose shows its stack trace)."})
public final class Main implements Runnable {
  private final Host host;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--verbose",
      description = "Print the stack trace of an internal error (as CROSSKIT_DEBUG=1 does).")
  boolean verbose;

  Main(Host host) {
    this.host = host;
  }

  /** The host every command works with: the one this command line was built over. */
  static Host host(CommandLine.Model.CommandSpec command) {
    Host host = ((Main) command.root().userObject()).host;
    CrosskitHome.requireUsable(host.home());
    return host;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs crosskit with the given arguments, writing to {@code out}/{@code err}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(systemHost(err), out, err, args);
  }

  /** This machine, with progress (downloads, source builds) to standard error. */
  private static Host systemHost(PrintWriter err) {
    return Host.system(line -> {
      err.println("crosskit: " + line);
      err.flush();
    });
  }

  /** {@link #run} over a given host (another cache, PATH or process runner). */
  static int run(Host host, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = newCommandLine(host, out, err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command tree with no host behind it, for what is generated from the model alone (the
   * man pages, release/ManPages.java); running a command on it is a mistake.
   */
  public static CommandLine commandModel() {
    return new CommandLine(new Main(null));
  }

  static CommandLine newCommandLine(Host host, PrintWriter out, PrintWriter err) {
    return configure(new CommandLine(new Main(host)), out, err);
  }

  /** Output, error handling and exit codes for a command line and all its subcommands (added before). */
  static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err) {
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(new ExitCodes());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.getSubcommands().get("run").setStopAtPositional(true); // the program's own options are not crosskit's
    cli.getSubcommands().get("debug").setStopAtPositional(true);
    return cli;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    RunCommand.useProcessStdio();
    Host host = systemHost(err);
    StopOnSignal.install(host.processes(), err);
    int code = run(host, out, err, args);
    StopOnSignal.finished();
    System.exit(code);
  }
}
