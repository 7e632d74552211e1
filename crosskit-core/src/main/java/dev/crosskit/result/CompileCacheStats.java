package dev.crosskit.result;

/**
 * What the compile cache did for one target's build: compilations answered from the cache, and
 * compilations that ran the compiler (and filled the cache). Calls the cache cannot serve (links,
 * compiling and linking in one command) count as neither; a configure script's compile-only probes
 * are compilations like any other.
 */
public record CompileCacheStats(long hits, long misses) {
  public static final CompileCacheStats NONE = new CompileCacheStats(0, 0);

  public CompileCacheStats plus(CompileCacheStats other) {
    return new CompileCacheStats(hits + other.hits, misses + other.misses);
  }
}
