package dev.crosskit.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.Json;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.OutputDir;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.doctor.ProjectSetup;
import dev.crosskit.host.Host;
import dev.crosskit.lock.LockFacts;
import dev.crosskit.lock.LockFile;
import dev.crosskit.lock.TargetLock;
import dev.crosskit.pipeline.Matrix;
import dev.crosskit.pipeline.PipelineOptions;
import dev.crosskit.report.MatrixTable;
import dev.crosskit.report.ReportFiles;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.shard.ShardSpec;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code crosskit build} and {@code crosskit test} share: load the configuration, pick the
 * targets, run the matrix (the core's {@link Matrix}, which also writes report.json and junit.xml),
 * print the table, pick the exit code.
 */
final class MatrixRun {
  private MatrixRun() {}

  /** Whether standard output is a terminal (Linux: fd 1 points at a tty or pty), and not a dumb one. */
  static boolean stdoutIsTerminal() {
    try {
      String fd1 = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return (fd1.startsWith("/dev/pts/") || fd1.startsWith("/dev/tty")) && !"dumb".equals(System.getenv("TERM"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * A build or test run as asked on the command line (or by {@code crosskit demo}).
   *
   * @param jobs --jobs, else the host's cores + 2 (PipelineOptions.defaultJobs)
   * @param testTimeout --test-timeout as given, or null
   * @param setup --setup: set up what the project needs first ({@link ProjectSetup})
   */
  record Request(Path project, OutputDir out, List<String> targets, Optional<Integer> jobs, boolean runTests,
      boolean failFast, boolean rebuild, boolean checkReproducible, boolean noCache, boolean quiet, boolean verbose,
      boolean json, String testTimeout, boolean setup, ShardSpec shard, SharedOptions.Timings timings,
      boolean locked) {
    /** {@code crosskit test} of a project with the defaults (demo, which sets the project up itself). */
    static Request test(Path project, Optional<Integer> jobs, boolean rebuild) {
      return new Request(project, OutputDir.of(project, null), List.of(), jobs, true, false, rebuild, false, false,
          false, false, false, null, false, null, new SharedOptions.Timings(), false);
    }
  }

  static int run(Host host, Request o, PrintWriter out, PrintWriter err) {
    Path project = o.project();
    boolean runTests = o.runTests();
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    if (o.testTimeout() != null) {
      flags.putObject("test").put("timeout", o.testTimeout());
    }
    if (o.noCache()) {
      flags.putObject("build").put("cache", false);
    }
    ProjectConfig config = new ConfigLoader().load(project, System.getenv(), flags);
    List<Target> targets = CliTargets.ofProject(err, o.targets(), config);
    if (o.shard() != null) {
      targets = ShardRun.select(targets, o.shard(), o.timings().read(o.out()), err);
    }
    config.unusedTargetTables(targets).forEach(w -> err.println("crosskit: warning: " + w));
    // before the set-up, which may make sysroots: under the lock they are made of the locked packages
    LockFile lock = o.locked() ? LockFile.read(project) : null;
    if (lock != null) {
      host.pinSysroots(lock.sysrootPins());
    }
    if (o.setup()) {
      PrintWriter say = o.json() ? err : out; // JSON on stdout stays parseable
      if (!ProjectSetup.run(host, config, targets, Set.of(), false, line -> {
        say.println(line);
        say.flush();
      })) {
        err.println("crosskit: set-up incomplete (see above); building anyway");
        err.flush();
      }
    }
    // after the set-up: the lock's facts are what the build will use
    Map<String, TargetLock> facts = new LockFacts(host).collect(config, targets);
    if (lock != null) {
      lock.check(facts);
    }
    // under the lock, the lock's facts are the build's (its sysroots too, which may be made only now)
    Map<String, String> fingerprints = new TreeMap<>();
    facts.forEach((name, found) -> fingerprints.put(name, (lock != null ? lock.targets().get(name) : found).fingerprint()));
    Path outDir = o.out().path();
    PipelineOptions options = new PipelineOptions(outDir, o.jobs().orElse(PipelineOptions.defaultJobs()), runTests,
        o.failFast(), o.rebuild(), o.checkReproducible(), fingerprints);
    boolean live = stdoutIsTerminal() && !o.json();
    MatrixReport report;
    try (ConsoleProgress progress = new ConsoleProgress(out, live, o.quiet() || o.json(), o.verbose(),
        targets.stream().map(Target::name).toList())) {
      Matrix matrix = new Matrix(host, progress);
      try (StopOnSignal.Registration onStop = StopOnSignal.whileRunning(matrix::cancel)) {
        report = matrix.run(config, targets, options, runTests ? "test" : "build");
      }
    }
    if (o.json()) {
      out.println(Json.write(report));
    } else {
      out.println();
      out.print(MatrixTable.render(report));
      out.println("Report: " + outDir.resolve(ReportFiles.HTML) + " (and " + ReportFiles.REPORT + ", "
          + ReportFiles.JUNIT + " beside it)");
    }
    out.flush();
    return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
