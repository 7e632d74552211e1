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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs {@link Command}s. Every process gets a timeout, and at the timeout (or when the calling
 * thread is interrupted, e.g. on Ctrl-C) its whole process tree is killed: descendants first,
 * so a test runner's children do not outlive it. Nothing a command started outlives it: what is
 * still running when it exits (a background job, a daemon) is killed and named in its
 * {@link Result#leftovers()}, found by the mark every process of the command inherits
 * ({@link ProcessTree}). {@link #stopAll} ends every command at once (crosskit is stopping),
 * those started beside the caller ({@link #start}) too.
 *
 * <p>Not final so that a test can stand in for it (a fake that scripts what commands do).
 */
public class ProcessRunner {
  private static final AtomicLong RUNNERS = new AtomicLong();
  private static final AtomicLong NEXT = new AtomicLong();

  /** This runner's marks start with it: {@link #stopAll} ends its commands, not another runner's. */
  private final String id = "r" + RUNNERS.incrementAndGet() + ".";

  /** The processes running now, by their mark. */
  private final Map<String, Process> live = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private volatile Predicate<ProcessTree.Proc> helpers = p -> false;

  /**
   * Lets processes that {@code helper} matches outlive the command that started them: a
   * runner's own servers (Wine's), which other commands share and which end by themselves.
   * {@link #stopAll} kills them too.
   */
  public void allowLingering(Predicate<ProcessTree.Proc> helper) {
    Predicate<ProcessTree.Proc> before = helpers;
    helpers = before.or(helper);
  }

  /**
   * Kills every process tree this runner's commands started, including their orphans, and
   * refuses to start more: crosskit is stopping (SIGINT, SIGTERM). The threads waiting for
   * those commands see their thread interrupted.
   */
  public void stopAll() {
    List<Process> running;
    synchronized (live) {
      stopping = true;
      running = List.copyOf(live.values());
    }
    running.forEach(p -> ProcessTree.killDescendants(p.toHandle()));
    ProcessTree.killMarked(id, true, p -> false);
  }

  /** Whether {@link #stopAll} was called. */
  public boolean stopping() {
    return stopping;
  }

  /** Runs and captures stdout and stderr separately (each bounded to 16 MiB). */
  public Result capture(Command cmd) {
    ByteArrayOutputStream out = new Pumps.BoundedBuffer();
    ByteArrayOutputStream err = new Pumps.BoundedBuffer();
    Outcome o = run(cmd, ProcessBuilder.Redirect.PIPE, InputStream.nullInputStream(), out, err, false);
    return new Result(o.exit, o.timedOut, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), o.elapsed,
        o.leftovers);
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
        if (!o.leftovers.isEmpty()) {
          note += "crosskit: killed what it left running: " + String.join(", ", o.leftovers) + "\n";
        }
        synchronized (file) {
          file.write(note.getBytes(StandardCharsets.UTF_8));
        }
        return new Result(o.exit, o.timedOut, tail.text(), "", o.elapsed, o.leftovers);
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
    return new Result(o.exit, o.timedOut, "", "", o.elapsed, o.leftovers);
  }

  /**
   * Runs with {@code stdin} copied to the process (its input is closed at the end of
   * {@code stdin}, so a filter sees end-of-file) and stdout/stderr copied to the given streams.
   */
  public Result interactive(Command cmd, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    Outcome o = run(cmd, ProcessBuilder.Redirect.PIPE, stdin, stdout, stderr, false);
    return new Result(o.exit, o.timedOut, "", "", o.elapsed, o.leftovers);
  }

  /**
   * Runs with this JVM's own stdin, stdout and stderr handed to the process unchanged (a
   * terminal stays a terminal; binary output is not re-encoded).
   */
  public Result attached(Command cmd) {
    Outcome o = run(cmd, ProcessBuilder.Redirect.INHERIT, null, null, null, false);
    return new Result(o.exit, o.timedOut, "", "", o.elapsed, o.leftovers);
  }

  /**
   * {@link #attached}, for a command that starts a program meant to outlive crosskit (the browser
   * {@code crosskit report --open} hands a page to): what it leaves running when it exits is
   * spared. Its timeout and {@link #stopAll} still end it while it runs.
   */
  public Result attachedLeavingRunning(Command cmd) {
    Outcome o = run(cmd, ProcessBuilder.Redirect.INHERIT, null, null, null, false, p -> true);
    return new Result(o.exit, o.timedOut, "", "", o.elapsed, o.leftovers);
  }

  /**
   * Starts a process that runs beside the caller (an emulator a debugger attaches to): stdin is
   * closed, stdout and stderr are copied to the given streams. It carries a mark like every
   * command, and {@link #stopAll} ends it too. Its timeout still holds: a watchdog kills its
   * process tree then. {@link Background#close} kills the tree, orphans included, at once.
   *
   * @throws UncheckedIOException when it cannot be started, or crosskit is stopping
   */
  public Background start(Command cmd, OutputStream stdout, OutputStream stderr) {
    String mark = id + NEXT.incrementAndGet();
    ProcessBuilder pb = builder(cmd, mark);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p;
    try {
      synchronized (live) {
        if (stopping) {
          throw new IOException("crosskit is stopping");
        }
        p = pb.start();
        live.put(mark, p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd.argv().get(0) + ": " + e.getMessage(), e);
    }
    try {
      p.getOutputStream().close(); // no input: a read sees end-of-file
    } catch (IOException ignored) {
      // the process may already have gone
    }
    Runnable kill = () -> {
      killTree(p.toHandle(), mark);
      live.remove(mark);
    };
    return new Background(p, cmd.timeout(), kill, Pumps.pump(p.getInputStream(), stdout),
        Pumps.pump(p.getErrorStream(), stderr));
  }

  /** @param leftovers the processes the command left running, killed after it exited */
  private record Outcome(int exit, boolean timedOut, Duration elapsed, List<String> leftovers) {
    Outcome(int exit, boolean timedOut, Duration elapsed) {
      this(exit, timedOut, elapsed, List.of());
    }
  }

  /** A process builder for {@code cmd}: its argv, environment (with {@code mark}) and directory. */
  private static ProcessBuilder builder(Command cmd, String mark) {
    ProcessBuilder pb = new ProcessBuilder(cmd.argv());
    Map<String, String> env = pb.environment();
    cmd.env().forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v);
      }
    });
    env.put(ProcessTree.variable(), mark);
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
    return run(cmd, stdin, input, out, err, merge, p -> false);
  }

  /** @param spared leftovers that may live on, besides the runner's helpers */
  private Outcome run(Command cmd, ProcessBuilder.Redirect stdin, InputStream input, OutputStream out,
      OutputStream err, boolean merge, Predicate<ProcessTree.Proc> spared) {
    String mark = id + NEXT.incrementAndGet();
    ProcessBuilder pb = builder(cmd, mark);
    pb.redirectInput(stdin);
    if (out == null) {
      pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    pb.redirectErrorStream(merge);
    long start = System.nanoTime();
    Process p;
    try {
      synchronized (live) {
        if (stopping) {
          Thread.currentThread().interrupt();
          return new Outcome(-1, true, Duration.ZERO);
        }
        p = pb.start();
        live.put(mark, p);
      }
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
    Thread outPump = out == null ? null : Pumps.pump(p.getInputStream(), out);
    Thread errPump = merge || out == null ? null : Pumps.pump(p.getErrorStream(), err);
    Thread inPump = input == null ? null : Pumps.feed(input, p.getOutputStream());
    boolean timedOut = false;
    List<String> leftovers = List.of();
    try {
      if (!p.waitFor(cmd.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut = true;
        killTree(p.toHandle(), mark);
      }
      p.waitFor();
      if (stopping) {
        throw new InterruptedException("crosskit is stopping");
      }
      // before the pumps are joined: a daemon holding the output pipe open would keep them waiting
      leftovers = ProcessTree.killMarked(mark, false, helpers.or(spared)).stream().map(ProcessTree.Proc::describe)
          .toList();
      if (outPump != null) {
        outPump.join(5_000);
      }
      if (errPump != null) {
        errPump.join(5_000);
      }
    } catch (InterruptedException e) {
      killTree(p.toHandle(), mark);
      Thread.currentThread().interrupt();
      return new Outcome(-1, true, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      live.remove(mark);
    }
    if (inPump != null) {
      inPump.interrupt(); // a stdin still open (a terminal) must not keep a thread reading for a dead process
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Outcome(timedOut ? -1 : p.exitValue(), timedOut, elapsed, leftovers);
  }

  /** Kills a command's process, its descendants and every process that carries its mark (orphans too). */
  private static void killTree(ProcessHandle root, String mark) {
    ProcessTree.killDescendants(root);
    ProcessTree.killMarked(mark, false, p -> false);
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
