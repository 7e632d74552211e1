package dev.crosskit.pipeline;

import dev.crosskit.base.RunLock;
import dev.crosskit.build.BuildAdapter;
import dev.crosskit.build.BuildAdapters;
import dev.crosskit.config.OutputDir;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.host.Host;
import dev.crosskit.report.ReportFiles;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import java.util.List;
import java.util.Map;

/**
 * {@code crosskit build} and {@code crosskit test}: refuses output paths that are links
 * ({@link OutputLinks}), takes the output directory (one run at a time), runs every target's
 * pipeline ({@link MatrixRunner}) and writes report.json, junit.xml and report.html. {@link #cancel}
 * (crosskit is stopping) ends the running steps as INTERRUPTED and the report is still written.
 */
public final class Matrix {
  private final Host host;
  private final ProgressListener listener;
  private MatrixRunner runner;
  private boolean cancelled;

  public Matrix(Host host, ProgressListener listener) {
    this.host = host;
    this.listener = listener;
  }

  /** @param command {@code build} or {@code test} */
  public MatrixReport run(ProjectConfig config, List<Target> targets, PipelineOptions options, String command) {
    // before the lock file is written: a key the build adapter would ignore, or an output
    // directory that is a link, is refused with nothing touched
    BuildAdapter adapter = BuildAdapters.forProject(config.projectDir(), config.buildSystem());
    config.checkKeysFor(adapter.name());
    OutputLinks.refuse(options.outDir(), targets);
    try (RunLock held = new OutputDir(options.outDir()).lock("crosskit " + command)) {
      MatrixRunner r = new MatrixRunner(options, listener, host);
      synchronized (this) {
        runner = r;
        if (cancelled) {
          r.cancel(); // every target then ends at once, INTERRUPTED
        }
      }
      MatrixReport report = withFingerprints(r.run(config, targets, command, adapter), options.fingerprints());
      ReportFiles.write(options.outDir(), report);
      return report;
    }
  }

  private static MatrixReport withFingerprints(MatrixReport report, Map<String, String> fingerprints) {
    if (fingerprints.isEmpty()) {
      return report;
    }
    List<TargetResult> targets = report.targets().stream()
        .map(t -> fingerprints.containsKey(t.target()) ? t.withFingerprint(fingerprints.get(t.target())) : t).toList();
    return new MatrixReport(report.schemaVersion(), report.project(), report.command(), report.projectDir(),
        report.outDir(), report.started(), report.seconds(), report.jobs(), targets, report.crosskitVersion(),
        report.host(), report.cpuSeconds());
  }

  /** Stops every target (their processes killed, the running steps INTERRUPTED); {@link #run} still reports. */
  public synchronized void cancel() {
    cancelled = true;
    if (runner != null) {
      runner.cancel();
    }
  }
}
