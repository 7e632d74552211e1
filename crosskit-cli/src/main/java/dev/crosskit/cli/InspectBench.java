package dev.crosskit.cli;

import dev.crosskit.base.UserException;
import dev.crosskit.inspect.InOrderPool;
import dev.crosskit.inspect.Inspector;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hidden {@code inspect --bench-rounds N} mode used by {@code bench/inspect.sh}: for each mode
 * (all facts on one thread, all facts on every core, headers only on one thread) one warm-up pass
 * (JIT), then N timed passes over the same files, printing files per second.
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
    measure("full", files, rounds, true, false, out);
    measure("full-parallel", files, rounds, true, true, out);
    measure("headers-only", files, rounds, false, false, out);
    return ExitCodes.OK;
  }

  /** One untimed warm-up pass (JIT, page cache), then {@code rounds} timed passes. */
  private static void measure(String mode, List<Path> files, int rounds, boolean scanStrings, boolean parallel,
      PrintWriter out) {
    int[] counts = pass(files, scanStrings, parallel);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long cpuStart = mx.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      pass(files, scanStrings, parallel);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double rate = files.size() * (double) rounds / secs;
    // CPU time of this thread (single-threaded modes): a fairer figure on a shared, loaded host.
    String cpu = parallel ? "" : String.format(Locale.ROOT, " cpu_files_per_second=%.1f",
        files.size() * (double) rounds / ((mx.getCurrentThreadCpuTime() - cpuStart) / 1e9));
    out.printf(Locale.ROOT, "mode=%s threads=%d files=%d ok=%d errors=%d rounds=%d seconds=%.3f files_per_second=%.1f%s%n",
        mode, parallel ? InOrderPool.defaultThreads() : 1, files.size(), counts[0], counts[1], rounds,
        secs, rate, cpu);
    out.flush();
  }

  /** One pass, on the command's own pool of threads when parallel (results taken in input order). */
  private static int[] pass(List<Path> files, boolean scanStrings, boolean parallel) {
    int[] counts = new int[2];
    InOrderPool.forEach(files, parallel ? InOrderPool.defaultThreads() : 1, p -> {
      try {
        Inspector.inspect(p, scanStrings);
        return 0;
      } catch (UserException e) {
        return 1;
      }
    }, outcome -> counts[outcome]++);
    return counts;
  }
}
