package dev.crosskit.cli;

import dev.crosskit.UserException;
import dev.crosskit.emulate.ProgramCheck;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.Runners;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.ToolchainFinder;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit run}: runs a target's program here, under QEMU or Wine when it is foreign. */
@picocli.CommandLine.Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a program built for TARGET on this host: natively, under QEMU user-mode (with the "
        + "target's sysroot for dynamically linked programs) or under Wine (Windows), forwarding "
        + "stdin, stdout, stderr and the exit code.",
    footer = {"", "Exit code: the program's own; 124 when it ran past --timeout (crosskit",
        "then kills it and every process it started, and says so); 127 when it",
        "could not be started; 2 on bad input.",
        "", "Examples:",
        "  crosskit run --target aarch64-linux-gnu -- ./hello --verbose",
        "  crosskit run --target x86_64-windows-gnu --timeout 30 -- build/tests.exe",
        "  echo data | crosskit run --target riscv64 -- ./filter"})
final class RunCommand implements Callable<Integer> {
  static final int TIMED_OUT = 124;

  /** Set by {@link Main#main}: hand the real stdin/stdout/stderr to the program, byte for byte. */
  static volatile boolean processStdio;
  /** Input for in-process runs ({@link Main#run}); tests replace it. */
  static volatile InputStream stdin = InputStream.nullInputStream();

  @Spec CommandSpec spec;

  @Option(names = {"-t", "--target"}, required = true, paramLabel = "TARGET", description = "The program's target (any spelling).",
      completionCandidates = CompletionCandidates.Targets.class)
  String target;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "Kill the program and its children after this many seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Parameters(paramLabel = "PROGRAM", arity = "1..*", description = "The program and its arguments (after --).")
  List<String> command = new ArrayList<>();

  static void useProcessStdio() {
    processStdio = true;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (timeoutSeconds <= 0) {
      throw new UserException("--timeout must be a positive number of seconds, not " + timeoutSeconds);
    }
    Target t = CliTargets.one(err, target);
    Runners runners = Runners.system();
    Runner runner = runners.find(t, ToolchainFinder.system().assess(t).toolchain()).orElseThrow(() ->
        new UserException("cannot run " + t.name() + " programs here: " + runners.gap(t).map(Object::toString).orElse("no runner")));
    String program = command.get(0);
    if (runner.emulated() || program.contains("/")) {
      if (!Files.isRegularFile(Path.of(program))) {
        throw new UserException("no such program: " + program);
      }
    }
    if (runner.emulated()) {
      ProgramCheck.mismatch(Path.of(program), t).ifPresent(why -> {
        throw new UserException(why);
      });
    }
    Command cmd = runner.wrap(new Command(command, Map.of(), null, Duration.ofSeconds(timeoutSeconds)));
    ProcessRunner processes = new ProcessRunner();
    runner.prepare(processes);
    Result r;
    if (processStdio) {
      r = processes.attached(cmd);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.flush();
      err.flush();
      r = processes.interactive(cmd, stdin, new WriterSink(out), new WriterSink(err));
    }
    if (r.timedOut()) {
      err.println("crosskit: " + program + " did not finish within " + timeoutSeconds
          + "s: killed it and all its child processes (timeout, exit " + TIMED_OUT + ")");
      return TIMED_OUT;
    }
    return r.exitCode();
  }
}
