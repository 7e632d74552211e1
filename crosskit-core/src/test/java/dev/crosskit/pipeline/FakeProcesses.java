package dev.crosskit.pipeline;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A process runner that starts nothing: each program (by its file name) does what its script
 * says — print, write files, fail, wait to be interrupted — and every command is recorded.
 * A program without a script passes silently.
 */
class FakeProcesses extends ProcessRunner {
  /** What a program does when "run". */
  interface Script {
    Result run(Command cmd, StringBuilder output) throws Exception;
  }

  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  final List<Command> commands = Collections.synchronizedList(new ArrayList<>());

  FakeProcesses on(String program, Script script) {
    scripts.put(program, script);
    return this;
  }

  static Result ok() {
    return new Result(0, false, "", "", Duration.ZERO);
  }

  static Result exit(int code) {
    return new Result(code, false, "", "", Duration.ZERO);
  }

  /** Waits until the calling thread is interrupted, as a process killed by crosskit's stop would. */
  static Result untilInterrupted() {
    try {
      Thread.sleep(Duration.ofMinutes(5));
      return ok();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, true, "", "", Duration.ZERO);
    }
  }

  /** The commands whose program is {@code program}. */
  List<Command> ran(String program) {
    synchronized (commands) {
      return commands.stream().filter(c -> name(c).equals(program)).toList();
    }
  }

  private static String name(Command c) {
    return Path.of(c.argv().get(0)).getFileName().toString();
  }

  private Result play(Command cmd, StringBuilder output) {
    commands.add(cmd);
    Script s = scripts.get(name(cmd));
    try {
      return s == null ? ok() : s.run(cmd, output);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Result capture(Command cmd) {
    StringBuilder out = new StringBuilder();
    Result r = play(cmd, out);
    return new Result(r.exitCode(), r.timedOut(), out + r.output(), r.error(), r.elapsed(), r.leftovers());
  }

  @Override
  public Result toLog(Command cmd, Path log) {
    return toLog(cmd, log, null);
  }

  /** As the real runner: the output to the log, line by line to {@code lines} and its end in the result. */
  @Override
  public Result toLog(Command cmd, Path log, Consumer<String> lines) {
    StringBuilder out = new StringBuilder();
    Result r = play(cmd, out);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "$ " + cmd.display() + "\n" + out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lines != null) {
      out.toString().lines().forEach(lines);
    }
    return new Result(r.exitCode(), r.timedOut(), out + r.output(), r.error(), r.elapsed(), r.leftovers());
  }

  @Override
  public Result interactive(Command cmd, OutputStream stdout, OutputStream stderr) {
    return play(cmd, new StringBuilder());
  }

  @Override
  public Result interactive(Command cmd, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    return play(cmd, new StringBuilder());
  }

  @Override
  public Result attached(Command cmd) {
    return play(cmd, new StringBuilder());
  }
}
