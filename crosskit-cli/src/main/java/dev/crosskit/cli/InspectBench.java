package dev.crosskit.cli;

import dev.crosskit.UserException;
import dev.crosskit.inspect.Inspector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hidden {@code inspect --bench-rounds N} mode used by {@code bench/inspect.sh}: one warm-up
 * pass (JIT), then N timed passes over the same files, printing files per second.
 */
final class InspectBench {
  private InspectBench() {}

  static int run(List<Path> walked, List<Path> given, int rounds, PrintWriter out) {
    List<Path> files = new ArrayList<>(walked);
    for (Path p : given) {
      if (!Files.isDirectory(p)) {
        files.add(p);
      }
    }
    int[] counts = pass(files);
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      pass(files);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double rate = files.size() * (double) rounds / secs;
    out.printf(Locale.ROOT, "files=%d ok=%d errors=%d rounds=%d seconds=%.3f files_per_second=%.1f%n",
        files.size(), counts[0], counts[1], rounds, secs, rate);
    return ExitCodes.OK;
  }

  private static int[] pass(List<Path> files) {
    int ok = 0;
    int bad = 0;
    for (Path p : files) {
      try {
        Inspector.inspect(p);
        ok++;
      } catch (UserException e) {
        bad++;
      }
    }
    return new int[] {ok, bad};
  }
}
