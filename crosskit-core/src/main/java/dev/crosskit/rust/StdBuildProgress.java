package dev.crosskit.rust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a build of several targets' standard libraries stands, from Cargo's unit graph (what
 * each target compiles, and in which order) and its JSON messages (what is done): per target,
 * crates done of its total, the crates whose dependencies are all done (the ones being compiled
 * or next), and when the target finished (its stub test program linked). Thread-safe: Cargo's
 * output is read on one thread, the heartbeat asks from another.
 */
final class StdBuildProgress {
  private final long start = System.nanoTime();
  private final Map<String, Target> targets = new LinkedHashMap<>();

  /** A crate Cargo compiles for a target ({@code test}: its test harness), and the units it waits for. */
  private record Unit(String name, boolean test, List<Integer> deps) {}

  private static final class Target {
    final Map<Integer, Unit> units = new LinkedHashMap<>();
    final Set<Integer> done = new HashSet<>();
    int unmatched; // artifacts the unit graph did not list (no graph)
    Path executable;
    Duration finishedAfter;
  }

  /**
   * @param unitGraphJson Cargo's {@code --unit-graph} answer for the build (empty: no totals)
   * @param triples the targets being built
   */
  StdBuildProgress(String unitGraphJson, List<String> triples) {
    triples.forEach(t -> targets.put(t, new Target()));
    JsonNode units;
    try {
      units = Json.mapper().readTree(unitGraphJson.isBlank() ? "{}" : unitGraphJson).path("units");
    } catch (IOException e) {
      return; // no graph: progress shows the counts of what is done
    }
    for (int i = 0; i < units.size(); i++) {
      JsonNode u = units.get(i);
      Target t = targets.get(u.path("platform").asText(""));
      String mode = u.path("mode").asText();
      if (t == null || !(mode.equals("build") || mode.equals("test"))) {
        continue; // host build scripts and their runs: shared, quick
      }
      List<Integer> deps = new ArrayList<>();
      u.path("dependencies").forEach(d -> deps.add(d.path("index").asInt()));
      t.units.put(i, new Unit(u.path("target").path("name").asText().replace('-', '_'), mode.equals("test"), deps));
    }
  }

  /** How many crates Cargo compiles for the triple (0 when the unit graph was not available). */
  synchronized int total(String triple) {
    return targets.get(triple).units.size();
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
    String name = m.path("target").path("name").asText("").replace('-', '_');
    boolean test = m.path("profile").path("test").asBoolean(false);
    for (Map.Entry<String, Target> e : targets.entrySet()) {
      if (!file.contains("/" + e.getKey() + "/")) {
        continue;
      }
      Target t = e.getValue();
      t.units.entrySet().stream()
          .filter(u -> u.getValue().name().equals(name) && u.getValue().test() == test && !t.done.contains(u.getKey()))
          .findFirst().ifPresentOrElse(u -> t.done.add(u.getKey()), () -> t.unmatched++);
      String exe = m.path("executable").asText("");
      if (!exe.isEmpty() && name.equals(StdProfile.STUB_NAME.replace('-', '_'))) {
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

  /** The triple's crates not done whose own dependencies are: being compiled, or next in line. */
  private static List<String> ready(Target t) {
    List<String> names = new ArrayList<>();
    t.units.forEach((i, u) -> {
      if (!t.done.contains(i) && u.deps().stream().allMatch(d -> !t.units.containsKey(d) || t.done.contains(d))
          && !names.contains(u.name())) {
        names.add(u.name());
      }
    });
    return names;
  }

  /**
   * {@code 2m10s: x86_64-unknown-linux-musl 14/27 crates (std); riscv64gc-unknown-linux-gnu done
   * after 1m55s}.
   */
  synchronized String line() {
    List<String> parts = new ArrayList<>();
    targets.forEach((triple, t) -> {
      if (t.finishedAfter != null) {
        parts.add(triple + " done after " + duration(t.finishedAfter));
        return;
      }
      List<String> ready = ready(t);
      parts.add(triple + " " + (t.done.size() + t.unmatched) + (t.units.isEmpty() ? "" : "/" + t.units.size()) + " crates"
          + (ready.isEmpty() ? "" : " (" + String.join(", ", ready.subList(0, Math.min(3, ready.size()))) + ")"));
    });
    return duration(elapsed()) + ": " + String.join("; ", parts);
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
