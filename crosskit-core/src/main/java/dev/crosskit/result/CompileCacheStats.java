package dev.crosskit.result;

/**
 * What the compile cache did for one target's build: compilations answered from the cache, and
 * compilations that ran the compiler (and filled the cache). Calls the cache cannot serve (links,
 * configure probes) count as neither.
 */
public record CompileCacheStats(long hits, long misses) {
  public static final CompileCacheStats NONE = new CompileCacheStats(0, 0);

  public CompileCacheStats plus(CompileCacheStats other) {
    return new CompileCacheStats(hits + other.hits, misses + other.misses);
  }
}
