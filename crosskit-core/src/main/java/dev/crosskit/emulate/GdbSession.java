package dev.crosskit.emulate;

import dev.crosskit.base.FailedException;
import dev.crosskit.base.HostTools;
import dev.crosskit.exec.Background;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A debugging session: the program starts stopped under its emulator's gdbstub, gdb attaches,
 * and when gdb ends (its commands done, the user quits, the timeout, Ctrl-C) the emulator and
 * everything it started are killed. Nothing outlives the session: both run through the host's
 * {@link ProcessRunner}, carrying its marks, so crosskit stopping in the middle (SIGINT in batch
 * mode, SIGTERM: {@link ProcessRunner#stopAll}) kills gdb, the emulator and what they started.
 *
 * <p>The emulator runs in a session of its own ({@code setsid}), so the Ctrl-C a user presses at
 * an interactive gdb reaches gdb, which stops the program, and not the emulator.
 */
public final class GdbSession {
  private static final Duration ATTACH_WAIT = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(50);

  private final ProcessRunner processes;
  private final HostTools tools;

  public GdbSession(ProcessRunner processes, HostTools tools) {
    this.processes = processes;
    this.tools = tools;
  }

  /**
   * How gdb talks to the user: the terminal itself ({@code terminal}: stdin, stdout and stderr
   * handed over unchanged), else copied to and from the given streams. The emulator's output
   * (the program's, through semihosting or its own stdout) goes to {@code out}/{@code err}.
   */
  public record Io(InputStream stdin, OutputStream out, OutputStream err, boolean terminal) {}

  /** @param exitCode gdb's exit status; -1 when killed at the timeout */
  public record Outcome(int exitCode, boolean timedOut) {}

  /**
   * Runs {@code emulator} (a runner's {@link Runner#withGdbStub} command, listening on
   * {@code port}), waits until its gdbstub listens, then runs {@code gdb} to the end.
   *
   * @throws FailedException when the emulator ends or does not listen before gdb could attach
   */
  public Outcome run(Command emulator, int port, Command gdb, Io io) {
    Command stub = ownSession(emulator);
    try (Background qemu = processes.start(stub, io.out(), io.err())) {
      waitUntilListening(qemu, port);
      Result r = io.terminal() ? processes.attached(gdb) : processes.interactive(gdb, io.stdin(), io.out(), io.err());
      return new Outcome(r.exitCode(), r.timedOut());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(-1, true);
    }
  }

  private Command ownSession(Command c) {
    Optional<Path> setsid = tools.which("setsid");
    // --wait: should setsid have to fork (it does when started as a group leader), it still ends with QEMU.
    return setsid.map(s -> c.prefixed(List.of(s.toString(), "--wait"))).orElse(c);
  }

  private static void waitUntilListening(Background qemu, int port) throws InterruptedException {
    long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
    while (!GdbPort.listening(port)) {
      Optional<Integer> ended = qemu.waitFor(POLL);
      if (ended.isPresent()) {
        throw new FailedException("the emulator ended (exit " + ended.get() + ") before gdb could attach to port "
            + port + "; its messages are above");
      }
      if (System.nanoTime() > deadline) {
        throw new FailedException("the emulator did not open its gdbstub on port " + port + " within "
            + ATTACH_WAIT.toSeconds() + " s");
      }
    }
  }
}
