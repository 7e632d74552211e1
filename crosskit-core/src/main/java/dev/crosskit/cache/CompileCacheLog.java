package dev.crosskit.cache;

import dev.crosskit.result.CompileCacheStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads ccache's statistics log ({@code stats_log}): for every compilation a {@code # <source>}
 * line and the counters it moved, one per line. Each target's build writes its own log, so the
 * counts are that target's even while other targets compile into the same cache at once.
 * A hit is {@code direct_cache_hit} or {@code preprocessed_cache_hit} (from local or, later,
 * remote storage alike); a miss is {@code cache_miss}; a hit served by the shared storage also
 * moves {@code remote_storage_hit}.
 */
public final class CompileCacheLog {
  private CompileCacheLog() {}

  /** The counts in a log; a log that is not there (nothing was compiled) counts nothing. */
  public static CompileCacheStats read(Path log) throws IOException {
    long hits = 0;
    long misses = 0;
    long remote = 0;
    try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        switch (line.strip()) {
          case "direct_cache_hit", "preprocessed_cache_hit" -> hits++;
          case "cache_miss" -> misses++;
          case "remote_storage_hit" -> remote++;
          default -> { } // the source line and the storage-level counters
        }
      }
    } catch (NoSuchFileException nothingCompiled) {
      return CompileCacheStats.NONE;
    }
    return new CompileCacheStats(hits, misses, remote);
  }
}
