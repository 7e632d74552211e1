package dev.crosskit.pipeline;

import dev.crosskit.base.Deletion;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The run's job pool: {@code total} tokens, one per process that may run at once across all
 * targets. crosskit acts as a GNU make jobserver (the protocol make 4.3 speaks): the tokens are
 * bytes in a named pipe that every command of a target inherits ({@link #asClient}: file
 * descriptor {@value #FD}, {@code MAKEFLAGS=" -jN --jobserver-auth=7,7"}). Make (and CMake's
 * Makefiles), cargo and rustc take a token from the pipe for each job beyond their first and put
 * it back when the job ends. crosskit's own commands take their first token ({@link #acquire})
 * from the same pipe, through one broker thread, so a target that configures or runs its tests on
 * one core leaves the other tokens to another target's compile.
 *
 * <p>A client killed while it holds tokens (a timeout) takes them with it. Once no client runs,
 * the pool counts the tokens left in the pipe and tops them up, so lost tokens cannot starve or
 * hang the run. Without a pipe (mkfifo failing) the tokens are a plain semaphore, and builds get
 * a fixed share of them.
 */
final class JobSlots implements AutoCloseable {
  /** The descriptor the pipe has in every command crosskit runs for a target. */
  static final int FD = 7;
  private static final byte TOKEN = '+';
  /** How long a count of the pipe waits for bytes that are not there. */
  private static final long DRAIN_MILLIS = 100;

  private final int total;
  /** Tokens handed to crosskit's own waiters (the pipe's, through the broker; all of them without a pipe). */
  private final Semaphore granted;
  private final Object lock = new Object();
  private final Path dir;
  private final Path fifo;
  /** Read-write: keeps the pipe open whoever reads it, and crosskit puts tokens back through it. */
  private final FileChannel pipe;
  private final Thread broker;
  /** The broker's read in progress, closed to wake it. */
  private volatile FileChannel reading;
  private volatile boolean closed;
  /** Tokens out of the pipe on crosskit's side: held by its commands or granted to a waiter. */
  private int owned;
  private int clients;
  /** A client was killed: tokens may have gone with it. */
  private boolean lost;

  private JobSlots(int total, Path dir, Path fifo, FileChannel pipe) {
    this.total = Math.max(1, total);
    this.dir = dir;
    this.fifo = fifo;
    this.pipe = pipe;
    this.granted = new Semaphore(pipe == null ? this.total : 0, true);
    this.broker = pipe == null ? null : Thread.ofPlatform().daemon().name("crosskit-jobserver").unstarted(this::broker);
  }

  /** A pool without a pipe: a semaphore for crosskit's commands; build tools get fixed shares. */
  static JobSlots plain(int total) {
    return new JobSlots(total, null, null, null);
  }

  /** A jobserver of {@code total} tokens, or a {@link #plain} pool when no named pipe can be made here. */
  static JobSlots jobserver(int total, ProcessRunner processes) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("crosskit-jobs");
      Path fifo = dir.resolve("jobserver");
      Result made = processes.capture(Command.of("mkfifo", "-m", "600", fifo.toString()).withTimeout(Duration.ofSeconds(30)));
      if (made.ok() && Files.exists(fifo)) {
        JobSlots slots = new JobSlots(total, dir, fifo, FileChannel.open(fifo, StandardOpenOption.READ,
            StandardOpenOption.WRITE));
        slots.put(slots.total);
        slots.broker.start();
        return slots;
      }
    } catch (IOException e) {
      // no pipe: the plain pool below
    }
    delete(dir);
    return plain(total);
  }

  int total() {
    return total;
  }

  /** Whether build tools share the pool through the pipe (else they get a fixed share of it). */
  boolean jobserver() {
    return pipe != null;
  }

  /**
   * Takes {@code n} tokens (at most all of them) and returns a handle that gives them back. A
   * command that speaks the jobserver protocol takes one: its first job's.
   */
  Held acquire(int n) throws InterruptedException {
    int k = Math.min(Math.max(1, n), total);
    synchronized (lock) {
      lock.notifyAll(); // the broker starts reading for this waiter
    }
    try {
      granted.acquire(k);
    } catch (InterruptedException e) {
      returnUnclaimed();
      throw e;
    }
    boolean[] released = {false};
    return () -> {
      if (!released[0]) {
        released[0] = true;
        release(k);
      }
    };
  }

  /**
   * Runs {@code cmd} through {@code run} as a jobserver client: it inherits the pipe, and build
   * tools in it take their extra jobs' tokens from the pool. A MAKEFLAGS of the user's own is
   * left alone (make then keeps its own jobs, as it does for an explicit -j).
   */
  Result asClient(Command cmd, Function<Command, Result> run) {
    if (pipe == null || cmd.env().containsKey("MAKEFLAGS")) {
      return run.apply(cmd);
    }
    Command client = cmd.prefixed(List.of("/bin/sh", "-c", "exec " + FD + "<>\"$0\" && exec \"$@\"", fifo.toString()))
        .withEnv("MAKEFLAGS", " -j" + total + " --jobserver-auth=" + FD + "," + FD);
    synchronized (lock) {
      clients++;
    }
    boolean killed = true;
    try {
      Result r = run.apply(client);
      killed = r.timedOut();
      return r;
    } finally {
      clientEnded(killed);
    }
  }

  private void clientEnded(boolean killed) {
    boolean recount;
    synchronized (lock) {
      clients--;
      lost |= killed;
      recount = lost && clients == 0;
      lock.notifyAll();
    }
    if (recount) {
      wakeBroker();
    }
  }

  private void release(int k) {
    if (pipe == null) {
      granted.release(k);
      return;
    }
    synchronized (lock) {
      for (int i = 0; i < k; i++) {
        if (granted.hasQueuedThreads()) {
          granted.release(); // straight to crosskit's next waiter
        } else {
          owned--;
          put(1);
        }
      }
    }
  }

  /** Tokens the broker granted to a waiter that gave up: back into the pipe when nobody else waits. */
  private void returnUnclaimed() {
    if (pipe == null) {
      return;
    }
    synchronized (lock) {
      if (!granted.hasQueuedThreads()) {
        int extra = granted.drainPermits();
        owned -= extra;
        put(extra);
      }
    }
  }

  /** Moves tokens from the pipe to crosskit's waiters, one at a time, while there are waiters. */
  private void broker() {
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!closed) {
      synchronized (lock) {
        if (lost && clients == 0) {
          recount();
        }
        if (!granted.hasQueuedThreads()) {
          try {
            lock.wait(20); // acquire() wakes it; the timeout covers a waiter that queued after the check
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
      }
      int read;
      try (FileChannel r = FileChannel.open(fifo, StandardOpenOption.READ)) {
        reading = r;
        synchronized (lock) {
          if (closed || lost && clients == 0) {
            continue; // count the pipe first (wakeBroker may have missed this read)
          }
        }
        one.clear();
        read = r.read(one);
      } catch (ClosedChannelException e) {
        continue; // woken: to count the pipe, or to end
      } catch (IOException e) {
        return;
      } finally {
        reading = null;
      }
      if (read == 1) {
        synchronized (lock) {
          if (granted.hasQueuedThreads()) {
            owned++;
            granted.release();
          } else {
            put(1);
          }
        }
      }
    }
  }

  private void wakeBroker() {
    FileChannel r = reading;
    if (r != null) {
      try {
        r.close();
      } catch (IOException ignored) {
        // closed either way
      }
    }
  }

  /**
   * With no client running, every token crosskit does not own must be in the pipe: counts them
   * (one read takes all a pipe holds; an empty pipe is given up on after a moment) and writes
   * back exactly as many as belong there. Called by the broker, holding the lock.
   */
  private void recount() {
    try (FileChannel r = FileChannel.open(fifo, StandardOpenOption.READ)) {
      Thread watchdog = Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(DRAIN_MILLIS);
          r.close();
        } catch (InterruptedException | IOException done) {
          // read in time, or closed
        }
      });
      try {
        r.read(ByteBuffer.allocate(64 * 1024));
      } catch (ClosedChannelException empty) {
        // nothing was in the pipe
      } finally {
        watchdog.interrupt();
      }
    } catch (IOException e) {
      return; // the pipe is gone: the run is ending
    }
    put(total - owned);
    lost = false;
  }

  /** Writes {@code n} tokens into the pipe (a pipe holds far more than a pool's worth, so this never blocks). */
  private void put(int n) {
    if (n <= 0) {
      return;
    }
    byte[] bytes = new byte[n];
    java.util.Arrays.fill(bytes, TOKEN);
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        pipe.write(buf);
      }
    } catch (IOException e) {
      // the pipe is closed: the run is ending
    }
  }

  /** Ends the broker and removes the pipe: the run is over, its clients have ended. */
  @Override
  public void close() {
    if (pipe == null) {
      return;
    }
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    wakeBroker();
    try {
      broker.join(5_000);
      pipe.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // closed either way
    }
    delete(dir);
  }

  private static void delete(Path dir) {
    if (dir != null) {
      try {
        Deletion.tree(dir);
      } catch (IOException ignored) {
        // a temporary directory: the system cleans it up
      }
    }
  }

  /** Tokens taken by {@link #acquire}; closing gives them back (once). */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
