package dev.crosskit.cache;

import dev.crosskit.base.Deletion;
import dev.crosskit.base.FailedException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code crosskit cache stats} and {@code crosskit cache clean}: the compile cache's totals as
 * ccache counts them ({@code ccache --print-stats}) with the configure cache's entries, and
 * emptying both ({@code ccache --clear}).
 */
public final class CompileCacheStore {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kKMGT]?)(i?)B?");

  private final CompileCache cache;
  private final ConfigureCache configure;
  private final ProcessRunner processes;

  public CompileCacheStore(CompileCache cache, ConfigureCache configure, ProcessRunner processes) {
    this.cache = cache;
    this.configure = configure;
    this.processes = processes;
  }

  /**
   * The totals since the cache was made or last cleaned.
   *
   * @param hits compilations answered from the cache
   * @param misses compilations that ran the compiler
   * @param files files in the cache
   * @param sizeKib their size on disk, in KiB
   * @param maxSizeKib the size ccache trims the cache to (its default, 5 GB, unless configured)
   * @param configure the configure cache's entries and their size
   */
  public record Totals(String dir, long hits, long misses, long files, long sizeKib, long maxSizeKib,
      ConfigureCache.Totals configure) {}

  public Totals stats() {
    if (!Files.isDirectory(cache.dir())) {
      return new Totals(cache.dir().toString(), 0, 0, 0, 0, maxSizeKib(), configure.stats());
    }
    Map<String, Long> counters = parse(ccache("--print-stats").output());
    return new Totals(cache.dir().toString(),
        counters.getOrDefault("direct_cache_hit", 0L) + counters.getOrDefault("preprocessed_cache_hit", 0L),
        counters.getOrDefault("cache_miss", 0L), counters.getOrDefault("files_in_cache", 0L),
        counters.getOrDefault("cache_size_kibibyte", 0L), maxSizeKib(), configure.stats());
  }

  /** Removes every cached object and configure result and zeroes the counters; without ccache installed, removes its directory. */
  public void clean() {
    configure.clean();
    if (!Files.isDirectory(cache.dir())) {
      return;
    }
    if (cache.program().isEmpty()) {
      try {
        Deletion.tree(cache.dir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + cache.dir(), e);
      }
      return;
    }
    ccache("--clear");
    ccache("--zero-stats");
  }

  /** ccache's {@code max_size} for this cache, in KiB. */
  private long maxSizeKib() {
    if (cache.program().isEmpty()) {
      return 0;
    }
    String text = ccache("--get-config", "max_size").output().strip();
    return parseSize(text);
  }

  /** {@code 5.0G}, {@code 500M}, {@code 1T}, {@code 1024} (ccache's size syntax; a decimal prefix, or Ki/Mi/Gi) in KiB. */
  static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      return 0;
    }
    double value = Double.parseDouble(m.group(1));
    double unit = m.group(3).isEmpty() ? 1000 : 1024;
    int power = "kMGT".indexOf(m.group(2).isEmpty() ? "?" : m.group(2).replace('K', 'k')) + 1;
    return Math.round(value * Math.pow(unit, power) / 1024);
  }

  /** The tab-separated {@code name value} lines of {@code --print-stats}. */
  static Map<String, Long> parse(String printStats) {
    Map<String, Long> counters = new HashMap<>();
    for (String line : printStats.split("\n")) {
      String[] parts = line.strip().split("\t");
      if (parts.length == 2 && parts[1].matches("[0-9]{1,18}")) {
        counters.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return counters;
  }

  private Result ccache(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(cache.program().orElseThrow(() -> new FailedException(CompileCache.MISSING)).toString());
    argv.addAll(List.of(args));
    Result r = processes.capture(Command.of(argv).withEnv("CCACHE_DIR", cache.dir().toString()).withTimeout(TIMEOUT));
    if (!r.ok()) {
      throw new FailedException("ccache " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): " + r.tail(3));
    }
    return r;
  }
}
