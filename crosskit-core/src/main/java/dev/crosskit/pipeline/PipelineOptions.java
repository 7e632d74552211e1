package dev.crosskit.pipeline;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run the matrix.
 *
 * @param outDir where everything is written ({@code <project>/target/crosskit} by default)
 * @param jobs the total number of compiler or emulator processes running at once
 * @param runTests true for {@code crosskit test} (canary and the project's tests), false for {@code build}
 * @param failFast stop the other targets at the first failure (the default keeps going)
 * @param rebuild ignore the cache of unchanged targets
 * @param checkReproducible build each target a second time elsewhere and compare the artifacts
 * @param fingerprints each target's toolchain fingerprint (crosskit.lock's facts), for report.json
 */
public record PipelineOptions(Path outDir, int jobs, boolean runTests, boolean failFast, boolean rebuild,
    boolean checkReproducible, Map<String, String> fingerprints) {
  public PipelineOptions {
    fingerprints = Map.copyOf(fingerprints);
  }

  public PipelineOptions(Path outDir, int jobs, boolean runTests, boolean failFast, boolean rebuild,
      boolean checkReproducible) {
    this(outDir, jobs, runTests, failFast, rebuild, checkReproducible, Map.of());
  }

  public PipelineOptions(Path outDir, int jobs, boolean runTests, boolean failFast, boolean rebuild) {
    this(outDir, jobs, runTests, failFast, rebuild, false);
  }

  /** Tokens in the pool when {@code --jobs} is not given: {@link #defaultJobs(int)} of the host's cores. */
  public static int defaultJobs() {
    return defaultJobs(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Two tokens more than the cores, as Ninja's default: a token is held for a whole process, and
   * configure scripts, linkers and emulated tests wait on fork, exec and I/O for part of it, so
   * exactly one token per core leaves cores idle (autotools projects showed it: 4 targets on 2
   * cores ran at 1.24x the ideal with 2 tokens, 1.11x with 4; CMake projects were unchanged).
   */
  static int defaultJobs(int cores) {
    return Math.max(1, cores) + 2;
  }
}
