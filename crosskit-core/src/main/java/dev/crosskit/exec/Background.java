package dev.crosskit.exec;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process started by {@link ProcessRunner#start} that runs beside the caller (an emulator a
 * debugger attaches to). A watchdog kills its process tree at its timeout; {@link #close} kills
 * it, and everything carrying its mark, at once.
 */
public final class Background implements AutoCloseable {
  private final Process process;
  private final Runnable kill;
  private final Thread[] pumps;
  private volatile boolean timedOut;

  /** @param kill kills the process's tree and marked processes, and forgets it */
  Background(Process process, Duration timeout, Runnable kill, Thread... pumps) {
    this.process = process;
    this.kill = kill;
    this.pumps = pumps;
    Thread.ofVirtual().start(() -> {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          timedOut = true;
          kill.run();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** True when the watchdog killed it at its timeout. */
  public boolean timedOut() {
    return timedOut;
  }

  /** Its exit status once it has ended within {@code limit}, else empty. */
  public Optional<Integer> waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      return Optional.empty();
    }
    for (Thread t : pumps) {
      t.join(5_000);
    }
    return Optional.of(process.exitValue());
  }

  /** Kills the process and everything it started, and waits for its output to be copied. */
  @Override
  public void close() {
    kill.run();
    for (Thread t : pumps) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
