package dev.crosskit.cli;

import dev.crosskit.exec.ProcessRunner;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What crosskit does when it is stopped — SIGINT (Ctrl-C), SIGTERM (a CI cancel, {@code timeout}),
 * SIGHUP: the JVM runs its shutdown hooks, and this one (1) cancels the running command's work
 * (a matrix ends its running steps as INTERRUPTED), (2) kills every process tree crosskit
 * started, orphans included ({@link ProcessRunner#stopAll}), and (3) waits, a bounded time, for
 * the command to finish what it writes (report.json, junit.xml, the table). The JVM then exits
 * with 128 + the signal (130, 143). A normal exit passes through it.
 */
final class StopOnSignal {
  /** How long the command gets to write its report once its processes are dead. */
  private static final long GRACE_SECONDS = 30;
  private static final List<Runnable> CANCELS = new CopyOnWriteArrayList<>();
  private static final CountDownLatch FINISHED = new CountDownLatch(1);
  private static volatile boolean exiting;

  private StopOnSignal() {}

  /** Installs the hook for this process (the real crosskit; in-process runs have none). */
  static void install(ProcessRunner processes, PrintWriter err) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(processes, err), "crosskit-stop"));
  }

  /** A cancel action registered for as long as it is open. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** While the returned handle is open, being stopped runs {@code cancel} first. */
  static Registration whileRunning(Runnable cancel) {
    CANCELS.add(cancel);
    return () -> CANCELS.remove(cancel);
  }

  /** The command is done (its report written): the hook need not wait, and a normal exit is not a stop. */
  static void finished() {
    exiting = true;
    FINISHED.countDown();
  }

  private static void stop(ProcessRunner processes, PrintWriter err) {
    if (exiting) {
      return;
    }
    err.println("crosskit: interrupted: stopping every process it started" + (CANCELS.isEmpty() ? ""
        : "; the report marks what did not finish"));
    err.flush();
    CANCELS.forEach(Runnable::run);
    processes.stopAll();
    try {
      FINISHED.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
