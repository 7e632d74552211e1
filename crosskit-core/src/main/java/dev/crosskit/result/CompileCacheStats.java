package dev.crosskit.result;

/**
 * What the compile cache did for one target's build: compilations answered from the cache, and
 * compilations that ran the compiler (and filled the cache). Calls the cache cannot serve (links,
 * compiling and linking in one command) count as neither; a configure script's compile-only probes
 * are compilations like any other.
 *
 * @param remoteHits the hits that came from the shared storage ({@code [cache] remote}), not the
 *     local cache; counted among {@code hits} too
 */
public record CompileCacheStats(long hits, long misses, long remoteHits) {
  public static final CompileCacheStats NONE = new CompileCacheStats(0, 0);

  /** Counts without shared storage. */
  public CompileCacheStats(long hits, long misses) {
    this(hits, misses, 0);
  }

  public CompileCacheStats plus(CompileCacheStats other) {
    return new CompileCacheStats(hits + other.hits, misses + other.misses, remoteHits + other.remoteHits);
  }
}
