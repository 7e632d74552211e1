package dev.crosskit.pipeline;

import dev.crosskit.build.BuildAdapter;
import dev.crosskit.build.BuildAdapters;
import dev.crosskit.build.SourceTree;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.host.Host;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the target pipelines of a project in parallel. Every target gets its own thread; the
 * processes they start share {@link JobSlots} sized by {@code --jobs}, and a build step runs as
 * many compile jobs as its share of the slots.
 */
public final class MatrixRunner {
  private final PipelineOptions options;
  private final ProgressListener listener;
  private final Host host;
  private final AtomicBoolean stop = new AtomicBoolean();
  private volatile ExecutorService pool;

  public MatrixRunner(PipelineOptions options, ProgressListener listener, Host host) {
    this.options = options;
    this.listener = listener;
    this.host = host;
  }

  public MatrixReport run(ProjectConfig config, List<Target> targets, String command) throws InterruptedException {
    long start = System.nanoTime();
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    OutputLinks.refuse(options.outDir(), targets);
    BuildAdapter adapter = BuildAdapters.forProject(config.projectDir(), config.buildSystem());
    String fingerprint = new SourceTree(config.projectDir()).fingerprint();
    JobSlots slots = new JobSlots(options.jobs());
    int share = Math.max(1, slots.total() / Math.max(1, Math.min(targets.size(), slots.total())));
    List<TargetResult> results = new ArrayList<>();
    try (ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, targets.size()))) {
      pool = workers;
      List<Future<TargetResult>> running = new ArrayList<>();
      for (Target t : targets) {
        TargetPipeline p = new TargetPipeline(t, config.forTarget(t), adapter, config.projectDir(), fingerprint,
            options, slots, share, listener, host, stop);
        running.add(workers.submit(p::run));
      }
      for (Future<TargetResult> f : running) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a target pipeline failed unexpectedly", e.getCause());
        }
      }
    }
    double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    return new MatrixReport(MatrixReport.SCHEMA_VERSION, config.name(), command, config.projectDir().toString(),
        options.outDir().toString(), started.toString(), seconds, slots.total(), List.copyOf(results));
  }

  /** Stops every target: running processes are killed (their whole trees), pending steps skipped. */
  public void cancel() {
    stop.set(true);
    ExecutorService p = pool;
    if (p != null) {
      p.shutdownNow(); // interrupts the pipelines; ProcessRunner then kills their process trees
    }
  }
}
