package dev.crosskit.rust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.report.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a build of several targets' standard libraries stands, from Cargo's JSON messages: per
 * target, how many of its crates are compiled (of how many the unit graph said), the last one,
 * and when the target finished (its stub test program linked). Thread-safe: Cargo's output is
 * read on one thread, the heartbeat asks from another.
 */
final class StdBuildProgress {
  private final long start = System.nanoTime();
  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final java.util.ArrayDeque<String> started = new java.util.ArrayDeque<>();

  private static final class Target {
    final int total;
    int done;
    Path executable;
    Duration finishedAfter;

    Target(int total) {
      this.total = total;
    }
  }

  /** @param units per triple, the crates Cargo will compile for it (from {@code --unit-graph}) */
  StdBuildProgress(Map<String, Integer> units) {
    units.forEach((t, n) -> targets.put(t, new Target(n)));
  }

  /** Counts the compile units per target platform of a {@code cargo --unit-graph} answer. */
  static Map<String, Integer> unitCounts(String unitGraphJson, List<String> triples) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    triples.forEach(t -> counts.put(t, 0));
    try {
      for (JsonNode u : Json.mapper().readTree(unitGraphJson).path("units")) {
        String platform = u.path("platform").asText("");
        String mode = u.path("mode").asText();
        if (counts.containsKey(platform) && (mode.equals("build") || mode.equals("test"))) {
          counts.merge(platform, 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      // no totals then: progress shows counts without them
    }
    return counts;
  }

  /**
   * One line of Cargo's standard error: {@code Compiling core v0.0.0 (...)} says a crate started
   * (for some target: the line does not say which).
   */
  synchronized void acceptStderr(String line) {
    String l = line.strip();
    if (l.startsWith("Compiling ")) {
      String crate = l.substring("Compiling ".length()).split(" ")[0];
      started.remove(crate);
      started.addLast(crate);
      while (started.size() > 3) {
        started.removeFirst();
      }
    }
  }

  /** One line of Cargo's {@code --message-format=json} output. */
  synchronized void accept(String line) {
    if (!line.startsWith("{") || !line.contains("\"compiler-artifact\"")) {
      return;
    }
    JsonNode m;
    try {
      m = Json.mapper().readTree(line);
    } catch (IOException e) {
      return;
    }
    String file = m.path("filenames").path(0).asText("");
    for (Map.Entry<String, Target> e : targets.entrySet()) {
      if (!file.contains("/" + e.getKey() + "/")) {
        continue;
      }
      Target t = e.getValue();
      t.done++;
      String exe = m.path("executable").asText("");
      if (!exe.isEmpty() && m.path("target").path("name").asText("").equals(StdProfile.STUB_NAME.replace('-', '_'))) {
        t.executable = Path.of(exe);
        t.finishedAfter = elapsed();
      }
    }
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** The stub test program linked for the triple: its std is complete and links. */
  synchronized Optional<Path> executable(String triple) {
    Target t = targets.get(triple);
    return t == null ? Optional.empty() : Optional.ofNullable(t.executable);
  }

  synchronized Optional<Duration> finishedAfter(String triple) {
    Target t = targets.get(triple);
    return t == null ? Optional.empty() : Optional.ofNullable(t.finishedAfter);
  }

  /**
   * {@code 2m10s: x86_64-unknown-linux-musl 14/27 crates; riscv64gc-unknown-linux-gnu done after 1m55s; started
   * lately: std, gimli}.
   */
  synchronized String line() {
    List<String> parts = new ArrayList<>();
    targets.forEach((triple, t) -> parts.add(triple + " " + (t.finishedAfter != null ? "done after " + duration(t.finishedAfter)
        : t.done + (t.total > 0 ? "/" + t.total : "") + " crates")));
    boolean running = targets.values().stream().anyMatch(t -> t.finishedAfter == null);
    return duration(elapsed()) + ": " + String.join("; ", parts)
        + (running && !started.isEmpty() ? "; started lately: " + String.join(", ", started.reversed()) : "");
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
