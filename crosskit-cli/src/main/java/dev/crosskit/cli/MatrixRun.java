package dev.crosskit.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.UserException;
import dev.crosskit.build.AtomicFiles;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.pipeline.MatrixReport;
import dev.crosskit.pipeline.MatrixRunner;
import dev.crosskit.pipeline.PipelineOptions;
import dev.crosskit.report.Json;
import dev.crosskit.report.JunitXml;
import dev.crosskit.report.MatrixTable;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.ToolchainFinder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code crosskit build} and {@code crosskit test} share: load the configuration, pick the
 * targets, run the matrix, write report.json and junit.xml, print the table, pick the exit code.
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

  static int run(MatrixOptions o, boolean runTests, PrintWriter out, PrintWriter err) {
    Path project = o.project.toAbsolutePath().normalize();
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    if (o.testTimeout != null) {
      flags.putObject("test").put("timeout", o.testTimeout);
    }
    ProjectConfig config = new ConfigLoader().load(project, System.getenv(), flags);
    List<String> spellings = o.targets.isEmpty() ? config.targets() : o.targets;
    if (spellings.isEmpty()) {
      throw new UserException("no targets: pass --target T (repeatable) or set [project] targets in "
          + project.resolve(ConfigLoader.FILE_NAME) + " ('crosskit init' writes one)");
    }
    List<Target> targets = CliTargets.all(err, spellings);
    if (o.jobs != null && o.jobs < 1) {
      throw new UserException("--jobs must be at least 1, got " + o.jobs);
    }
    if (o.failFast && o.keepGoing) {
      throw new UserException("--fail-fast and --keep-going contradict each other; choose one");
    }
    if (o.setup) {
      PrintWriter say = o.json ? err : out; // JSON on stdout stays parseable
      if (!ProjectSetup.run(config, targets, java.util.Set.of(), false, line -> {
        say.println(line);
        say.flush();
      })) {
        err.println("crosskit: set-up incomplete (see above); building anyway");
        err.flush();
      }
    }
    Path outDir = (o.out != null ? o.out : project.resolve("target").resolve("crosskit")).toAbsolutePath().normalize();
    PipelineOptions options = new PipelineOptions(outDir, o.jobs != null ? o.jobs : PipelineOptions.defaultJobs(),
        runTests, o.failFast, o.rebuild, o.checkReproducible);
    boolean live = stdoutIsTerminal() && !o.json;
    MatrixReport report;
    try (ConsoleProgress progress = new ConsoleProgress(out, live, o.quiet || o.json, o.verbose,
        targets.stream().map(Target::name).toList())) {
      MatrixRunner runner = new MatrixRunner(options, progress, ToolchainFinder.system());
      Thread onCtrlC = new Thread(() -> {
        err.println("crosskit: interrupted: stopping every target and its processes");
        err.flush();
        runner.cancel();
      });
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      try {
        report = runner.run(config, targets, runTests ? "test" : "build");
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting (Ctrl-C): the hook is running
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted", ExitCodes.FAILED);
    }
    try {
      Files.createDirectories(outDir);
      AtomicFiles.write(outDir.resolve("report.json"), Json.write(report));
      AtomicFiles.write(outDir.resolve("junit.xml"), JunitXml.render(report));
    } catch (IOException e) {
      throw new UserException("cannot write the report to " + outDir + ": " + e.getMessage());
    }
    if (o.json) {
      out.println(Json.write(report));
    } else {
      out.println();
      out.print(MatrixTable.render(report));
      out.println("Report: " + outDir.resolve("report.json") + ", " + outDir.resolve("junit.xml"));
    }
    out.flush();
    return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
