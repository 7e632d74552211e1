package dev.crosskit.pipeline;

import dev.crosskit.base.CpuTime;
import dev.crosskit.base.CrosskitVersion;
import dev.crosskit.base.HostSummary;
import dev.crosskit.build.BuildAdapter;
import dev.crosskit.build.BuildAdapters;
import dev.crosskit.build.SourceTree;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.host.Host;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the target pipelines of a project in parallel. Every target gets its own thread; the
 * processes they start share one pool of {@code --jobs} tokens ({@link JobSlots}, a GNU make
 * jobserver): a build whose tools speak its protocol runs as many jobs as there are free tokens,
 * moment by moment, and another build runs a fixed share of them. Whatever happens to one target, the others finish
 * and the report holds every target.
 */
public final class MatrixRunner {
  private final PipelineOptions options;
  private final ProgressListener listener;
  private final Host host;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  /** The threads running a pipeline now, for {@link #cancel} to interrupt. */
  private final Set<Thread> working = ConcurrentHashMap.newKeySet();

  public MatrixRunner(PipelineOptions options, ProgressListener listener, Host host) {
    this.options = options;
    this.listener = listener;
    this.host = host;
  }

  /** @throws dev.crosskit.base.BadInputException for a key the project's build adapter does not use */
  public MatrixReport run(ProjectConfig config, List<Target> targets, String command) {
    BuildAdapter adapter = BuildAdapters.forProject(config.projectDir(), config.buildSystem());
    config.checkKeysFor(adapter.name());
    return run(config, targets, command, adapter);
  }

  /** The same with a given build adapter (a test's). */
  MatrixReport run(ProjectConfig config, List<Target> targets, String command, BuildAdapter adapter) {
    long start = System.nanoTime();
    OptionalDouble cpuBefore = CpuTime.seconds();
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String fingerprint = new SourceTree(config.projectDir()).fingerprint();
    List<TargetResult> results = new ArrayList<>();
    int jobs;
    try (JobSlots slots = JobSlots.jobserver(options.jobs(), host.processes());
        RunnerServers servers = new RunnerServers(host.processes());
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, targets.size()))) {
      jobs = slots.total();
      int share = Math.max(1, jobs / Math.max(1, Math.min(targets.size(), jobs)));
      MatrixContext run = new MatrixContext(options, listener, host, slots, share, adapter, config.projectDir(),
          fingerprint, MatrixContext.epochOf(config.projectDir(), host), stop, servers, start);
      List<Future<TargetResult>> running = new ArrayList<>();
      for (Target t : targets) {
        TargetPipeline p = new TargetPipeline(run, t, config.forTarget(t));
        running.add(workers.submit(() -> cancellable(p)));
      }
      for (int i = 0; i < running.size(); i++) {
        results.add(result(running.get(i), targets.get(i)));
      }
    }
    double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    OptionalDouble cpuAfter = CpuTime.seconds();
    Double cpu = cpuBefore.isPresent() && cpuAfter.isPresent()
        ? Math.round((cpuAfter.getAsDouble() - cpuBefore.getAsDouble()) * 100) / 100.0 : null;
    return new MatrixReport(MatrixReport.SCHEMA_VERSION, config.name(), command, config.projectDir().toString(),
        options.outDir().toString(), started.toString(), seconds, jobs, List.copyOf(results),
        CrosskitVersion.get(), HostSummary.describe(), cpu);
  }

  /** Runs a pipeline on this thread, which {@link #cancel} interrupts (at once if it came first). */
  private TargetResult cancellable(TargetPipeline p) {
    Thread self = Thread.currentThread();
    working.add(self);
    try {
      if (cancelled.get()) {
        self.interrupt();
      }
      return p.run();
    } finally {
      working.remove(self);
      Thread.interrupted(); // the pool's thread goes back clean
    }
  }

  /** A target's result; a pipeline that died outside its steps (a crosskit bug) still gives one. */
  private static TargetResult result(Future<TargetResult> f, Target t) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // the pipelines finish (and report) themselves once stopped: keep waiting
        }
      }
    } catch (ExecutionException e) {
      StepResult failed = new StepResult(Step.PROVISION, Status.FAILED, 0, "crosskit bug: "
          + TargetPipeline.oneLine(e.getCause()), null, null);
      return new TargetResult(t.name(), null, null, false, List.of(failed), List.of(), List.of(), 0, false);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops every target: their threads are interrupted, so the running step of each is killed
   * (its whole process tree) and reported INTERRUPTED, and nothing more starts.
   */
  public void cancel() {
    cancelled.set(true);
    working.forEach(Thread::interrupt); // ProcessRunner then kills the running process trees
  }
}
