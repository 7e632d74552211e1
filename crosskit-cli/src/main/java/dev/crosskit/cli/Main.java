package dev.crosskit.cli;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.host.Host;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
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
    footer = {"", "Exit codes: 0 success; 1 a check, build or test failed; 2 bad usage or input;",
        "70 an internal error (a crosskit bug: --verbose shows its stack trace)."})
public final class Main implements Runnable {
  /**
   * The subcommands, in the order usage help lists them. Not in the annotation: picocli builds the
   * model of every declared subcommand (reflecting over each option) before parsing, and a run
   * needs only the one it names ({@link #newCommandLine(Host, PrintWriter, PrintWriter, String...)}).
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class, TargetsCommand.class,
      DoctorCommand.class, SetupCommand.class, EnvCommand.class, ToolchainFileCommand.class, RunCommand.class,
      DebugCommand.class, SysrootCommand.class, SdkCommand.class, InspectCommand.class, CacheCommand.class,
      BuildCommand.class, TestCommand.class, PlanCommand.class, MergeCommand.class, LockCommand.class, CiCommand.class,
      ReportCommand.class, PackageCommand.class, ImageCommand.class,
      InitCommand.class, DemoCommand.class, CompletionCommand.class);

  /** Subcommands that read the whole command tree (usage of others, completion scripts). */
  private static final Set<String> NEED_WHOLE_TREE = Set.of("help", "completion");

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
    CommandLine cli = newCommandLine(host, out, err, args);
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
    return withSubcommands(new CommandLine(new Main(null)), SUBCOMMANDS);
  }

  /** The whole command tree over a host. */
  static CommandLine newCommandLine(Host host, PrintWriter out, PrintWriter err) {
    return configure(withSubcommands(new CommandLine(new Main(host)), SUBCOMMANDS), out, err);
  }

  /**
   * The command tree {@code args} need: only the subcommand they name, none for {@code --version},
   * all of them when the arguments name none, or one that reads the others (help, completion), or
   * something unknown (so that picocli's errors and suggestions stay what they are).
   */
  static CommandLine newCommandLine(Host host, PrintWriter out, PrintWriter err, String... args) {
    return configure(withSubcommands(new CommandLine(new Main(host)), subcommandsFor(args)), out, err);
  }

  static List<Class<?>> subcommandsFor(String... args) {
    for (String arg : args) {
      if (arg.startsWith("-")) {
        continue; // the root's options are all flags: the first other word is the subcommand
      }
      if (NEED_WHOLE_TREE.contains(arg)) {
        return SUBCOMMANDS;
      }
      for (Class<?> c : SUBCOMMANDS) {
        Command command = c.getAnnotation(Command.class);
        if (command.name().equals(arg) || List.of(command.aliases()).contains(arg)) {
          return List.of(c);
        }
      }
      return SUBCOMMANDS;
    }
    boolean version = List.of(args).contains("--version") || List.of(args).contains("-V");
    return version ? List.of() : SUBCOMMANDS;
  }

  private static CommandLine withSubcommands(CommandLine cli, List<Class<?>> subcommands) {
    subcommands.forEach(cli::addSubcommand);
    return cli;
  }

  /** Output, error handling and exit codes for a command line and all its subcommands (added before). */
  static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err) {
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(new ExitCodes());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    for (String name : List.of("run", "debug")) { // the program's own options are not crosskit's
      CommandLine sub = cli.getSubcommands().get(name);
      if (sub != null) {
        sub.setStopAtPositional(true);
      }
    }
    return cli;
  }

  public static void main(String[] args) throws java.io.IOException {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // What picocli would print, without building the command model and the host first: those
      // cost more than the rest of the JVM's start-up, and scripts run --version often.
      System.out.println(new VersionProvider().getVersion()[0]);
      return;
    }
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
