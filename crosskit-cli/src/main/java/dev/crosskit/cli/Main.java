package dev.crosskit.cli;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.host.Host;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Entry point of the crosskit command line. Every subcommand is a thin class that parses its
 * options and calls crosskit-core; {@link #run} is the testable seam (no System.exit). The root's
 * model is built in code ({@link CommandSpecs}), not from annotations: every command starts here,
 * and picocli's annotation proxies would cost each one its start-up time.
 */
public final class Main implements Runnable {
  /**
   * The subcommands by name, in the order usage help lists them. The names are written here
   * (a test checks them against the commands) rather than read from the classes' annotations, which
   * would cost start-up time; and only the subcommand a run names has its model built: picocli
   * builds the model of every subcommand added (reflecting over each option) before parsing
   * ({@link #newCommandLine(Host, PrintWriter, PrintWriter, String...)}).
   */
  static final Map<String, Class<?>> SUBCOMMANDS_BY_NAME = subcommands(
      "help", CommandLine.HelpCommand.class, "targets", TargetsCommand.class, "doctor", DoctorCommand.class,
      "setup", SetupCommand.class, "env", EnvCommand.class, "toolchain-file", ToolchainFileCommand.class,
      "run", RunCommand.class, "debug", DebugCommand.class, "sysroot", SysrootCommand.class, "sdk", SdkCommand.class,
      "inspect", InspectCommand.class, "cache", CacheCommand.class, "build", BuildCommand.class,
      "test", TestCommand.class, "plan", PlanCommand.class, "merge", MergeCommand.class, "lock", LockCommand.class,
      "ci", CiCommand.class, "report", ReportCommand.class, "package", PackageCommand.class,
      "image", ImageCommand.class, "init", InitCommand.class, "demo", DemoCommand.class,
      "completion", CompletionCommand.class);

  static final List<Class<?>> SUBCOMMANDS = List.copyOf(SUBCOMMANDS_BY_NAME.values());

  /** The subcommands whose model is built in code rather than read from annotations. */
  private static final Map<Class<?>, Supplier<CommandSpec>> BUILT_IN_CODE =
      Map.of(TargetsCommand.class, TargetsCommand::model, InspectCommand.class, InspectCommand::model);

  /** Subcommands that read the whole command tree (usage of others, completion scripts). */
  private static final Set<String> NEED_WHOLE_TREE = Set.of("help", "completion");

  private final Host host;

  CommandSpec spec;

  boolean verbose;

  Main(Host host) {
    this.host = host;
  }

  /** The model of the root command over a host, without subcommands. */
  static CommandSpec model(Host host) {
    Main main = new Main(host);
    main.spec = CommandSpecs.command("crosskit", main,
        new String[] {"Cross-compile, verify, test and package native projects for many targets from one Linux x86_64 host."},
        new String[] {"", "Exit codes: 0 success; 1 a check, build or test failed; 2 bad usage or input;",
            "70 an internal error (a crosskit bug: --verbose shows its stack trace)."},
        CommandSpecs.option(boolean.class, () -> main.verbose, v -> main.verbose = v, "--verbose")
            .description("Print the stack trace of an internal error (as CROSSKIT_DEBUG=1 does).").build());
    main.spec.versionProvider(new VersionProvider());
    return main.spec;
  }

  /** A table in the order given: name, class, name, class, ... */
  private static Map<String, Class<?>> subcommands(Object... nameThenClass) {
    Map<String, Class<?>> map = new LinkedHashMap<>();
    for (int i = 0; i < nameThenClass.length; i += 2) {
      map.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** The host every command works with: the one this command line was built over. */
  static Host host(CommandSpec command) {
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
    return withSubcommands(new CommandLine(model(null)), SUBCOMMANDS);
  }

  /** The whole command tree over a host. */
  static CommandLine newCommandLine(Host host, PrintWriter out, PrintWriter err) {
    return configure(withSubcommands(new CommandLine(model(host)), SUBCOMMANDS), out, err);
  }

  /**
   * The command tree {@code args} need: only the subcommand they name, none for {@code --version},
   * all of them when the arguments name none, or one that reads the others (help, completion), or
   * something unknown (so that picocli's errors and suggestions stay what they are).
   */
  static CommandLine newCommandLine(Host host, PrintWriter out, PrintWriter err, String... args) {
    return configure(withSubcommands(new CommandLine(model(host)), subcommandsFor(args)), out, err);
  }

  static List<Class<?>> subcommandsFor(String... args) {
    for (String arg : args) {
      if (arg.startsWith("-")) {
        continue; // the root's options are all flags: the first other word is the subcommand
      }
      if (NEED_WHOLE_TREE.contains(arg)) {
        return SUBCOMMANDS;
      }
      Class<?> named = SUBCOMMANDS_BY_NAME.get(arg);
      return named != null ? List.of(named) : SUBCOMMANDS;
    }
    boolean version = List.of(args).contains("--version") || List.of(args).contains("-V");
    return version ? List.of() : SUBCOMMANDS;
  }

  private static CommandLine withSubcommands(CommandLine cli, List<Class<?>> subcommands) {
    for (Class<?> c : subcommands) {
      Supplier<CommandSpec> inCode = BUILT_IN_CODE.get(c);
      cli.addSubcommand(inCode != null ? new CommandLine(inCode.get()) : c);
    }
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
    CatalogWarmup.start(args);
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
