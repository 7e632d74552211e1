package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import dev.crosskit.emulate.GdbCommand;
import dev.crosskit.emulate.GdbPort;
import dev.crosskit.emulate.GdbSession;
import dev.crosskit.emulate.ProgramCheck;
import dev.crosskit.emulate.Runner;
import dev.crosskit.exec.Command;
import dev.crosskit.host.Host;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.ToolchainData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit debug}: a program stopped under QEMU's gdbstub with gdb-multiarch attached. */
@picocli.CommandLine.Command(
    name = "debug",
    mixinStandardHelpOptions = true,
    description = "Start a program built for TARGET stopped under QEMU's gdbstub (user-mode, or system-mode "
        + "on the board for bare metal) and attach gdb-multiarch to it, with the program's symbols, the "
        + "target's architecture and, for a dynamically linked program, the sysroot its libraries come "
        + "from. With -ex commands gdb runs them in batch mode and exits; without, gdb is interactive "
        + "(Ctrl-C stops the program at gdb's prompt). QEMU and gdb are killed when the session ends.",
    footer = {"", "Exit code: gdb's own (in batch mode: 0 when its commands ran); 124 when the session",
        "ran past --timeout (QEMU and gdb are killed); 1 when gdb or the emulator is missing",
        "or the emulator could not start; 2 on bad input.",
        "", "Examples:",
        "  crosskit debug --target aarch64-linux-gnu -- ./hello",
        "  crosskit debug --target armv7-linux-gnueabihf -ex 'break parse' -ex continue -ex bt -- ./tool in.txt",
        "  crosskit debug --target thumbv7em-none-eabihf -ex 'break main' -ex continue -ex 'info registers' -- prog.elf"})
final class DebugCommand implements Callable<Integer> {
  /** Interactive sessions last as long as someone debugs; a forgotten one still ends. */
  static final long INTERACTIVE_TIMEOUT = Duration.ofHours(8).toSeconds();
  static final long BATCH_TIMEOUT = 600;

  @Spec CommandSpec spec;

  @Mixin SharedOptions.ProgramTarget target;

  @Mixin SharedOptions.Board board;

  @Option(names = {"-ex", "--ex"}, paramLabel = "COMMAND",
      description = "A gdb command to run after attaching (repeatable); gdb then runs in batch mode.")
  List<String> commands = new ArrayList<>();

  @Option(names = "--port", paramLabel = "PORT", description = "The gdbstub's TCP port (default: a free one).")
  Integer port;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Kill QEMU and gdb after this many seconds (default: " + BATCH_TIMEOUT + " with -ex, "
          + "8 hours interactive).")
  Long timeoutSeconds;

  @Parameters(paramLabel = "PROGRAM", arity = "1..*", description = "The program and its arguments (after --).")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    boolean batch = !commands.isEmpty();
    long seconds = timeoutSeconds != null ? timeoutSeconds : batch ? BATCH_TIMEOUT : INTERACTIVE_TIMEOUT;
    if (seconds <= 0) {
      throw new BadInputException("--timeout must be a positive number of seconds, not " + seconds);
    }
    Target t = CliTargets.one(err, target.spelling);
    Host host = Main.host(spec);
    Runner runner = host.runners().find(t, board.apply(host.installedFinder().assess(t).toolchain(), t))
        .orElseThrow(() -> new BadInputException("cannot run " + t.name() + " programs here: "
            + host.runners().gap(t).map(Object::toString).orElse("no runner")));
    Path program = Path.of(command.get(0));
    if (!Files.isRegularFile(program)) {
      throw new BadInputException("no such program: " + program);
    }
    ProgramCheck.mismatch(program, t).ifPresent(why -> {
      throw new BadInputException(why);
    });
    int gdbPort = port(port);
    Duration timeout = Duration.ofSeconds(seconds);
    // The emulator outlives gdb by a little, so gdb's own timeout is what ends a session.
    Command emulator = runner.withGdbStub(new Command(command, Map.of(), null, timeout.plusSeconds(10)), gdbPort)
        .orElseThrow(() -> new BadInputException("crosskit debug needs QEMU: " + t.name() + " programs run "
            + (runner.emulated() ? "under " + runner.name() : "natively") + " here; debug them with the host's gdb"));
    Path gdb = gdb(host).orElseThrow(() -> {
      ToolchainData.RunnerSpec spec = host.toolchainData().debugger();
      return new FailedException("no " + spec.binaries().get(0) + " on this host; install it with 'crosskit setup "
          + t.name() + " --lang debug' (apt-get install " + String.join(" ", spec.packages()) + ")");
    });
    runner.prepare(host.processes());
    GdbCommand attach = new GdbCommand(gdb, program.toAbsolutePath().normalize(), t, runner, gdbPort);
    Command gdbCommand = batch ? attach.batch(commands, timeout) : attach.interactive(timeout);
    err.println("crosskit: debugging " + program + " (" + t.name() + ", " + runner.name() + ", gdbstub on port "
        + gdbPort + ")" + (batch ? "" : "; Ctrl-C stops the program, 'quit' ends the session"));
    err.flush();

    PrintWriter out = spec.commandLine().getOut();
    out.flush();
    boolean terminal = RunCommand.processStdio;
    GdbSession.Io io = terminal
        ? new GdbSession.Io(System.in, System.out, System.err, true)
        : new GdbSession.Io(RunCommand.stdin, new WriterSink(out), new WriterSink(err), false);
    GdbSession session = new GdbSession(host.processes(), host.tools());
    GdbSession.Outcome o = terminal && !batch
        ? Interrupts.ignoredDuring(() -> session.run(emulator, gdbPort, gdbCommand, io))
        : session.run(emulator, gdbPort, gdbCommand, io);
    if (o.timedOut() && host.processes().stopping()) {
      // crosskit is being stopped (StopOnSignal): the JVM's exit code says by which signal
      err.println("crosskit: interrupted: killed gdb, the emulator and every process they started");
      return RunCommand.TIMED_OUT;
    }
    if (o.timedOut()) {
      err.println("crosskit: the debugging session did not end within " + seconds
          + "s: killed gdb, the emulator and every process they started (timeout, exit " + RunCommand.TIMED_OUT + ")");
      return RunCommand.TIMED_OUT;
    }
    return o.exitCode();
  }

  /** The given port (checked), else a free one. */
  static int port(Integer given) {
    if (given == null) {
      return GdbPort.free();
    }
    if (given < 1 || given > 65535) {
      throw new BadInputException("a gdb port must be between 1 and 65535, not " + given);
    }
    if (GdbPort.listening(given)) {
      throw new BadInputException("port " + given + " is in use; name another, or leave it out for a free one");
    }
    return given;
  }

  static Optional<Path> gdb(Host host) {
    return host.tools().whichAny(host.toolchainData().debugger().binaries());
  }
}
