package dev.crosskit.pipeline;

import dev.crosskit.build.BuildAdapter;
import dev.crosskit.build.SourceDateEpoch;
import dev.crosskit.host.Host;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every target of one matrix run shares: how to run, the project, its build system, the
 * host, the process slots and the fail-fast flag.
 *
 * @param buildJobs how many compile jobs one target's build runs (its share of the slots)
 * @param sourceFingerprint the project's source tree, hashed once for every target's cache key
 * @param sourceDateEpoch the project's SOURCE_DATE_EPOCH, looked up (git) at most once per run
 * @param stop set when a target failed under --fail-fast
 * @param stopOthers sets {@code stop} and interrupts the other targets' threads, so their running
 *     steps are killed (whole process trees) rather than left to finish
 * @param servers the runners' servers (Wine's), up for the whole run
 * @param startNanos when the run started ({@link System#nanoTime}): the report's times are offsets from it
 */
record MatrixContext(PipelineOptions options, ProgressListener listener, Host host, JobSlots slots, int buildJobs,
    BuildAdapter adapter, Path projectDir, String sourceFingerprint, Supplier<Long> sourceDateEpoch,
    AtomicBoolean stop, Runnable stopOthers, RunnerServers servers, long startNanos) {

  /** The epoch supplier for a project: SOURCE_DATE_EPOCH, else its last commit, else the fixed default. */
  static Supplier<Long> epochOf(Path projectDir, Host host) {
    return new Supplier<>() {
      private Long value;

      @Override
      public synchronized Long get() {
        if (value == null) {
          value = SourceDateEpoch.of(projectDir, System.getenv(), host.processes()).seconds();
        }
        return value;
      }
    };
  }

  Path outDir() {
    return options.outDir();
  }

  /** Seconds from the run's start to {@code nanos} ({@link System#nanoTime}), to the hundredth. */
  double offset(long nanos) {
    return Math.round((nanos - startNanos) / 1e7) / 100.0;
  }
}
