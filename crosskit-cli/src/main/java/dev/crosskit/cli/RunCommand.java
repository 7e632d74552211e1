package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.RegularFiles;
import dev.crosskit.emulate.GdbCommand;
import dev.crosskit.emulate.ProgramCheck;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.Runners;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.host.Host;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit run}: runs a target's program here, under QEMU or Wine when it is foreign. */
@picocli.CommandLine.Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a program built for TARGET on this host: natively, under QEMU user-mode (with the "
        + "target's sysroot for dynamically linked programs), under QEMU system-mode on the target's board "
        + "(bare metal: output, arguments and exit status through semihosting) or under Wine (Windows), "
        + "forwarding stdin, stdout, stderr and the exit code.",
    footer = {"", "Exit code: the program's own; 124 when it ran past --timeout (crosskit",
        "then kills it and every process it started, and says so); 127 when it",
        "could not be started; 2 on bad input.",
        "", "Examples:",
        "  crosskit run --target aarch64-linux-gnu -- ./hello --verbose",
        "  crosskit run --target x86_64-windows-gnu --timeout 30 -- build/tests.exe",
        "  echo data | crosskit run --target riscv64 -- ./filter",
        "  crosskit run --target thumbv7em-none-eabihf -- prog.elf",
        "  crosskit run --target aarch64-linux-gnu --gdb=1234 -- ./hello"})
final class RunCommand implements Callable<Integer> {
  static final int TIMED_OUT = 124;

  /** Set by {@link Main#main}: hand the real stdin/stdout/stderr to the program, byte for byte. */
  static volatile boolean processStdio;
  /** Input for in-process runs ({@link Main#run}); tests replace it. */
  static volatile InputStream stdin = InputStream.nullInputStream();

  @Spec CommandSpec spec;

  @Mixin SharedOptions.ProgramTarget target;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "Kill the program and its children after this many seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Mixin SharedOptions.Board board;

  @Option(names = "--gdb", arity = "0..1", paramLabel = "PORT", fallbackValue = "0",
      description = "Start the program stopped under QEMU's gdbstub on PORT (default: a free port) and print "
          + "the gdb command that attaches to it.")
  Integer gdbPort;

  @Parameters(paramLabel = "PROGRAM", arity = "1..*", description = "The program and its arguments (after --).")
  List<String> command = new ArrayList<>();

  static void useProcessStdio() {
    processStdio = true;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (timeoutSeconds <= 0) {
      throw new BadInputException("--timeout must be a positive number of seconds, not " + timeoutSeconds);
    }
    Target t = CliTargets.one(err, target.spelling);
    Host host = Main.host(spec);
    Runners runners = host.runners();
    Toolchain tc = host.installedFinder().assess(t).toolchain();
    Runner runner = runners.find(t, board.apply(tc, t)).orElseThrow(() ->
        new BadInputException("cannot run " + t.name() + " programs here: " + runners.gap(t).map(Object::toString).orElse("no runner")));
    String program = command.get(0);
    if (runner.emulated() || program.contains("/")) {
      String problem = RegularFiles.problem(Path.of(program));
      if (problem != null) {
        throw new BadInputException(problem.equals("no such file") ? "no such program: " + program : program + ": " + problem);
      }
    }
    if (runner.emulated()) {
      ProgramCheck.mismatch(Path.of(program), t).ifPresent(why -> {
        throw new BadInputException(why);
      });
    }
    Command cmd = runner.wrap(new Command(command, Map.of(), null, Duration.ofSeconds(timeoutSeconds)));
    if (gdbPort != null) {
      cmd = stoppedForGdb(host, t, runner, err);
    }
    ProcessRunner processes = host.processes();
    runner.prepare(processes);
    Result r;
    if (processStdio && runner.takesInput()) {
      r = processes.attached(cmd);
    } else if (processStdio) {
      r = processes.interactive(cmd, InputStream.nullInputStream(), System.out, System.err);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.flush();
      err.flush();
      r = processes.interactive(cmd, runner.takesInput() ? stdin : InputStream.nullInputStream(),
          new WriterSink(out), new WriterSink(err));
    }
    if (r.timedOut() && processes.stopping()) {
      // crosskit is being stopped (StopOnSignal): the JVM's exit code says by which signal
      err.println("crosskit: interrupted: killed " + program + " and all its child processes");
      return TIMED_OUT;
    }
    if (r.timedOut()) {
      err.println("crosskit: " + program + " did not finish within " + timeoutSeconds
          + "s: killed it and all its child processes (timeout, exit " + TIMED_OUT + ")");
      return TIMED_OUT;
    }
    return r.exitCode();
  }

  /** The program stopped under the emulator's gdbstub; says how to attach. */
  private Command stoppedForGdb(Host host, Target t, Runner runner, PrintWriter err) {
    int port = DebugCommand.port(gdbPort == 0 ? null : gdbPort);
    Command program = new Command(command, Map.of(), null, Duration.ofSeconds(timeoutSeconds));
    Command stub = runner.withGdbStub(program, port).orElseThrow(() -> new BadInputException(
        "--gdb needs QEMU: " + t.name() + " programs run " + (runner.emulated() ? "under " + runner.name() : "natively")
            + " here; debug them with the host's gdb"));
    Path gdb = DebugCommand.gdb(host).orElse(Path.of("gdb-multiarch"));
    GdbCommand attach = new GdbCommand(gdb, Path.of(command.get(0)).toAbsolutePath().normalize(), t, runner, port);
    err.println("crosskit: " + command.get(0) + " is stopped before its first instruction, waiting for gdb on port "
        + port + " (" + runner.name() + "). Attach with:");
    err.println("  " + attach.interactive(Duration.ofSeconds(timeoutSeconds)).display());
    err.flush();
    return stub;
  }
}
