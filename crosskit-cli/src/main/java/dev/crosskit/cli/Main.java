package dev.crosskit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        EnvCommand.class, ToolchainFileCommand.class, RunCommand.class, SysrootCommand.class, InspectCommand.class,
        BuildCommand.class, TestCommand.class, PackageCommand.class, ImageCommand.class, InitCommand.class, DemoCommand.class,
        CompletionCommand.class},
    footer = {"", "Exit codes: 0 success, 1 a check, build or test failed, 2 bad usage or bad input."})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs crosskit with the given arguments, writing to {@code out}/{@code err}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = newCommandLine(out, err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.getSubcommands().get("run").setStopAtPositional(true); // the program's own options are not crosskit's
    return cli;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    RunCommand.useProcessStdio();
    System.exit(run(out, err, args));
  }
}
