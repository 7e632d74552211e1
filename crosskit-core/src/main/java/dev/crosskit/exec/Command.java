package dev.crosskit.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A process to run: an argv list (never a shell string), extra environment, working directory
 * and a timeout. Immutable; the {@code with*} methods return copies.
 *
 * @param argv the program and its arguments
 * @param env variables added to (or, with a null value, removed from) the inherited environment
 * @param cwd working directory, or null for the current one
 * @param timeout wall-clock limit after which the whole process tree is killed
 */
public record Command(List<String> argv, Map<String, String> env, Path cwd, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public Command {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    argv = List.copyOf(argv);
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    Objects.requireNonNull(timeout, "timeout");
  }

  public static Command of(String... argv) {
    return new Command(List.of(argv), Map.of(), null, DEFAULT_TIMEOUT);
  }

  public static Command of(List<String> argv) {
    return new Command(argv, Map.of(), null, DEFAULT_TIMEOUT);
  }

  public Command withEnv(Map<String, String> more) {
    Map<String, String> merged = new LinkedHashMap<>(env);
    merged.putAll(more);
    return new Command(argv, merged, cwd, timeout);
  }

  public Command withEnv(String key, String value) {
    Map<String, String> merged = new LinkedHashMap<>(env);
    merged.put(key, value);
    return new Command(argv, merged, cwd, timeout);
  }

  public Command withCwd(Path dir) {
    return new Command(argv, env, dir, timeout);
  }

  public Command withTimeout(Duration limit) {
    return new Command(argv, env, cwd, limit);
  }

  /** A copy with {@code prefix} put before this argv (an emulator in front of a program). */
  public Command prefixed(List<String> prefix) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(argv);
    return new Command(all, env, cwd, timeout);
  }

  /** The argv as one line for logs, quoted where a word has spaces or shell characters. */
  public String display() {
    StringBuilder sb = new StringBuilder();
    for (String a : argv) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(a.isEmpty() || a.matches(".*[\\s'\"$`\\\\|&;<>()*?!#~].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
    }
    return sb.toString();
  }
}
