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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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
 * hang the run. Without a pipe (mkfifo failing) all tokens stay on crosskit's side, and builds
 * get a fixed share of them.
 */
final class JobSlots implements AutoCloseable {
  /** The descriptor the pipe has in every command crosskit runs for a target. */
  static final int FD = 7;
  private static final byte TOKEN = '+';
  /** How long a count of the pipe waits for bytes that are not there. */
  private static final long DRAIN_MILLIS = 100;

  private final int total;
  private final Object lock = new Object();
  /** The numbers of the tokens crosskit's commands hold now (the report's timeline shows them). */
  private final BitSet taken = new BitSet();
  /** crosskit's commands waiting for tokens, first come first served. */
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  /** Tokens the waiters in {@link #queue} ask for, together. */
  private int wanted;
  /** Tokens on crosskit's side that no command holds: taken from the pipe for a waiter (all of them without a pipe). */
  private int available;
  private final Path dir;
  private final Path fifo;
  /** Read-write: keeps the pipe open whoever reads it, and crosskit puts tokens back through it. */
  private final FileChannel pipe;
  private final Thread broker;
  /** The broker's read in progress, closed to wake it. */
  private volatile FileChannel reading;
  private volatile boolean closed;
  /** Tokens out of the pipe on crosskit's side: held by its commands, or {@link #available}. */
  private int owned;
  private int clients;
  /** A client was killed: tokens may have gone with it. */
  private boolean lost;

  private JobSlots(int total, Path dir, Path fifo, FileChannel pipe) {
    this.total = Math.max(1, total);
    this.dir = dir;
    this.fifo = fifo;
    this.pipe = pipe;
    this.available = pipe == null ? this.total : 0;
    this.broker = pipe == null ? null : Thread.ofPlatform().daemon().name("crosskit-jobserver").unstarted(this::broker);
  }

  /** A pool without a pipe: tokens for crosskit's commands only; build tools get fixed shares. */
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
    Object me = new Object();
    synchronized (lock) {
      queue.add(me);
      wanted += k;
      lock.notifyAll(); // the broker reads from the pipe for this waiter
      try {
        while (queue.peek() != me || available < k) {
          lock.wait();
        }
      } catch (InterruptedException e) {
        queue.remove(me);
        wanted -= k;
        returnUnwanted();
        lock.notifyAll();
        throw e;
      }
      queue.poll();
      wanted -= k;
      available -= k;
      lock.notifyAll(); // the next waiter may be served from what is left
    }
    List<Integer> held = number(k);
    boolean[] released = {false};
    return new Held() {
      @Override
      public List<Integer> numbers() {
        return held;
      }

      @Override
      public void close() {
        if (!released[0]) {
          released[0] = true;
          synchronized (taken) {
            held.forEach(s -> taken.clear(s - 1));
          }
          release(k);
        }
      }
    };
  }

  /** Numbers for {@code k} tokens just taken: the lowest free ones, for the report's timeline. */
  private List<Integer> number(int k) {
    List<Integer> numbers = new ArrayList<>(k);
    synchronized (taken) {
      for (int i = taken.nextClearBit(0); numbers.size() < k; i = taken.nextClearBit(i + 1)) {
        taken.set(i);
        numbers.add(i + 1);
      }
    }
    return List.copyOf(numbers);
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

  /** A command's tokens: to crosskit's next waiters, the rest back into the pipe. */
  private void release(int k) {
    synchronized (lock) {
      available += k;
      returnUnwanted();
      lock.notifyAll();
    }
  }

  /**
   * Puts back into the pipe the tokens crosskit holds beyond what its waiters ask for (a waiter
   * served meanwhile, or gone), so build tools can have them. Holding the lock.
   */
  private void returnUnwanted() {
    int extra = available - wanted;
    if (pipe != null && extra > 0) {
      available -= extra;
      owned -= extra;
      put(extra);
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
        if (wanted <= available) {
          try {
            lock.wait(20); // acquire() wakes it
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
      }
      int read;
      try (FileChannel r = readEnd()) {
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
          owned++;
          available++;
          returnUnwanted(); // the waiter may have been served by a release meanwhile
          lock.notifyAll();
        }
      }
    }
  }

  /**
   * A read end of the pipe, opened read-write: opening a FIFO read-only blocks until some process
   * holds it open for writing, and crosskit's own write end is gone when a thread interrupted
   * while writing a token closed it (a stop): the broker would then hang the run's end.
   */
  private FileChannel readEnd() throws IOException {
    return FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
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
    try (FileChannel r = readEnd()) {
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
    /**
     * The tokens held, numbered from 1 (a client build's further jobs take unnumbered tokens
     * from the pipe).
     */
    List<Integer> numbers();

    @Override
    void close();
  }
}
