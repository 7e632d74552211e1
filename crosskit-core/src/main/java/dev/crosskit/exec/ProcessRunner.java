package dev.crosskit.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@link Command}s. Every process gets a timeout, and at the timeout (or when the calling
 * thread is interrupted, e.g. on Ctrl-C) its whole process tree is killed: descendants first,
 * so a test runner's children do not outlive it.
 */
public final class ProcessRunner {
  private static final int MAX_CAPTURE = 16 * 1024 * 1024;

  /** Runs and captures stdout and stderr separately (each bounded to 16 MiB). */
  public Result capture(Command cmd) {
    ByteArrayOutputStream out = new BoundedBuffer();
    ByteArrayOutputStream err = new BoundedBuffer();
    Outcome o = run(cmd, ProcessBuilder.Redirect.PIPE, InputStream.nullInputStream(), out, err, false);
    return new Result(o.exit, o.timedOut, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), o.elapsed);
  }

  /**
   * Runs with stdout and stderr merged and appended to {@code log}. Memory stays bounded whatever
   * the output: the log gets all of it, and the result's {@link Result#output} only its last
   * lines, each cut to a bound ({@link OutputTail}).
   */
  public Result toLog(Command cmd, Path log) {
    return toLog(cmd, log, null);
  }

  /**
   * {@link #toLog(Command, Path)}, also handing each line of the output (cut to a bound, see
   * {@link LineSplitter}) to {@code lines} as it arrives, so a reader keeps pace with the process
   * and is done when it ends or is killed. No line reaches {@code lines} after this returns.
   */
  public Result toLog(Command cmd, Path log, Consumer<String> lines) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      try (OutputStream file = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        file.write(("$ " + cmd.display() + "\n").getBytes(StandardCharsets.UTF_8));
        file.flush();
        OutputTail tail = new OutputTail();
        LineSplitter splitter = lines == null ? null : new LineSplitter(lines);
        Outcome o;
        try {
          o = run(cmd, ProcessBuilder.Redirect.PIPE, InputStream.nullInputStream(), new Tee(file, tail, splitter), null, true);
        } finally {
          if (splitter != null) {
            splitter.close();
          }
        }
        String note = o.timedOut ? "crosskit: killed after " + seconds(cmd.timeout()) + " (timeout)\n"
            : "crosskit: exit " + o.exit + " after " + seconds(o.elapsed) + "\n";
        synchronized (file) {
          file.write(note.getBytes(StandardCharsets.UTF_8));
        }
        return new Result(o.exit, o.timedOut, tail.text(), "", o.elapsed);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write log " + log, e);
    }
  }

  /**
   * Runs attached to this JVM's standard streams (for {@code crosskit run}): stdin is inherited,
   * stdout and stderr are copied to the given streams.
   */
  public Result interactive(Command cmd, OutputStream stdout, OutputStream stderr) {
    Outcome o = run(cmd, ProcessBuilder.Redirect.INHERIT, null, stdout, stderr, false);
    return new Result(o.exit, o.timedOut, "", "", o.elapsed);
  }

  /**
   * Runs with {@code stdin} copied to the process (its input is closed at the end of
   * {@code stdin}, so a filter sees end-of-file) and stdout/stderr copied to the given streams.
   */
  public Result interactive(Command cmd, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    Outcome o = run(cmd, ProcessBuilder.Redirect.PIPE, stdin, stdout, stderr, false);
    return new Result(o.exit, o.timedOut, "", "", o.elapsed);
  }

  /**
   * Runs with this JVM's own stdin, stdout and stderr handed to the process unchanged (a
   * terminal stays a terminal; binary output is not re-encoded).
   */
  public Result attached(Command cmd) {
    Outcome o = run(cmd, ProcessBuilder.Redirect.INHERIT, null, null, null, false);
    return new Result(o.exit, o.timedOut, "", "", o.elapsed);
  }

  /**
   * Starts a process that runs beside the caller (an emulator a debugger attaches to): stdin is
   * closed, stdout and stderr are copied to the given streams. Its timeout still holds: a
   * watchdog kills its process tree then. {@link Background#close} kills the tree at once.
   */
  public Background start(Command cmd, OutputStream stdout, OutputStream stderr) {
    ProcessBuilder pb = builder(cmd);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd.argv().get(0) + ": " + e.getMessage(), e);
    }
    try {
      p.getOutputStream().close(); // no input: a read sees end-of-file
    } catch (IOException ignored) {
      // the process may already have gone
    }
    return new Background(p, cmd.timeout(), pump(p.getInputStream(), stdout), pump(p.getErrorStream(), stderr));
  }

  /** A process started by {@link #start}. */
  public static final class Background implements AutoCloseable {
    private final Process process;
    private final Thread[] pumps;
    private volatile boolean timedOut;

    private Background(Process process, Duration timeout, Thread... pumps) {
      this.process = process;
      this.pumps = pumps;
      Thread.ofVirtual().start(() -> {
        try {
          if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            timedOut = true;
            killTree(process.toHandle());
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
    public java.util.Optional<Integer> waitFor(Duration limit) throws InterruptedException {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        return java.util.Optional.empty();
      }
      for (Thread t : pumps) {
        t.join(5_000);
      }
      return java.util.Optional.of(process.exitValue());
    }

    /** Kills the process and everything it started, and waits for its output to be copied. */
    @Override
    public void close() {
      killTree(process.toHandle());
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

  private record Outcome(int exit, boolean timedOut, Duration elapsed) {}

  private static ProcessBuilder builder(Command cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd.argv());
    Map<String, String> env = pb.environment();
    cmd.env().forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v);
      }
    });
    if (cmd.cwd() != null) {
      pb.directory(cmd.cwd().toFile());
    }
    return pb;
  }

  /**
   * @param stdin how the process gets its input; with PIPE, {@code input} is copied to it
   * @param out where stdout goes; null inherits this JVM's stdout (and then stderr too)
   */
  private Outcome run(Command cmd, ProcessBuilder.Redirect stdin, InputStream input, OutputStream out,
      OutputStream err, boolean merge) {
    ProcessBuilder pb = builder(cmd);
    pb.redirectInput(stdin);
    if (out == null) {
      pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    pb.redirectErrorStream(merge);
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      String msg = "crosskit: cannot start " + cmd.argv().get(0) + ": " + e.getMessage() + "\n";
      try {
        OutputStream sink = err != null ? err : out != null ? out : System.err;
        sink.write(msg.getBytes(StandardCharsets.UTF_8));
        sink.flush();
      } catch (IOException ignored) {
        // the message is best effort; the exit code says it failed
      }
      return new Outcome(127, false, Duration.ofNanos(System.nanoTime() - start));
    }
    Thread outPump = out == null ? null : pump(p.getInputStream(), out);
    Thread errPump = merge || out == null ? null : pump(p.getErrorStream(), err);
    Thread inPump = input == null ? null : feed(input, p.getOutputStream());
    boolean timedOut = false;
    try {
      if (!p.waitFor(cmd.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut = true;
        killTree(p.toHandle());
      }
      p.waitFor();
      if (outPump != null) {
        outPump.join(5_000);
      }
      if (errPump != null) {
        errPump.join(5_000);
      }
    } catch (InterruptedException e) {
      killTree(p.toHandle());
      Thread.currentThread().interrupt();
      return new Outcome(-1, true, Duration.ofNanos(System.nanoTime() - start));
    }
    if (inPump != null) {
      inPump.interrupt(); // a stdin still open (a terminal) must not keep a thread reading for a dead process
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Outcome(timedOut ? -1 : p.exitValue(), timedOut, elapsed);
  }

  /**
   * Kills a process and all its descendants (children first, then the process itself), then
   * waits briefly until they are gone, so a caller that goes on sees no survivors.
   */
  public static void killTree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
    // A child may have forked between the listing and the kill: sweep once more.
    root.descendants().forEach(h -> {
      h.destroyForcibly();
      all.add(h);
    });
    all.add(root);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (ProcessHandle h : all) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // gone already, or a zombie its new parent has not reaped yet: SIGKILL was sent either way
      }
    }
  }

  private static Thread pump(InputStream in, OutputStream sink) {
    Thread t = Thread.ofVirtual().start(() -> {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (sink) {
            sink.write(buf, 0, n);
            sink.flush();
          }
        }
      } catch (IOException ignored) {
        // the process went away; what was read is kept
      }
    });
    return t;
  }

  /** Copies {@code in} to the process's stdin, then closes it so the process sees end-of-file. */
  private static Thread feed(InputStream in, OutputStream processStdin) {
    return Thread.ofVirtual().start(() -> {
      byte[] buf = new byte[8192];
      try (processStdin) {
        int n;
        while ((n = in.read(buf)) > 0) {
          processStdin.write(buf, 0, n);
          processStdin.flush();
        }
      } catch (IOException ignored) {
        // the process closed its stdin or exited: the rest of the input is not wanted
      }
    });
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  /** Writes to the log file, the in-memory tail and the line reader at once. */
  private static final class Tee extends OutputStream {
    private final OutputStream file;
    private final OutputTail tail;
    private final LineSplitter lines;

    Tee(OutputStream file, OutputTail tail, LineSplitter lines) {
      this.file = file;
      this.tail = tail;
      this.lines = lines;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (file) {
        file.write(b, off, len);
      }
      tail.write(b, off, len);
      if (lines != null) {
        lines.write(b, off, len);
      }
    }
  }

  /** A capture buffer that stops growing at {@link #MAX_CAPTURE} (keeps the start). */
  private static final class BoundedBuffer extends ByteArrayOutputStream {
    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int room = MAX_CAPTURE - count;
      if (room > 0) {
        super.write(b, off, Math.min(room, len));
      }
    }
  }
}
