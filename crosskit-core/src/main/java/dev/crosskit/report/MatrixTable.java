package dev.crosskit.report;

import dev.crosskit.result.CompileCacheStats;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.result.TestCase;
import java.util.Locale;
import java.util.Optional;

/** The final console table of a matrix run, and the failure details under it. */
public final class MatrixTable {
  private MatrixTable() {}

  public static String render(MatrixReport report) {
    Table table = new Table("TARGET", "TOOLCHAIN", "BUILD", "CACHE", "VERIFY", "CANARY", "TESTS", "TIME", "ARTIFACTS");
    for (TargetResult t : report.targets()) {
      table.row(t.target() + (t.cached() ? " (cached)" : ""),
          Optional.ofNullable(t.toolchain()).orElse("-"),
          cell(t, Step.BUILD),
          compileCache(t),
          verify(t),
          cell(t, Step.CANARY) + (t.emulated() && t.step(Step.CANARY).isPresent() ? " [" + t.runner() + "]" : ""),
          tests(t),
          String.format(Locale.ROOT, "%.1fs", t.seconds()),
          t.artifacts().isEmpty() ? "-" : t.artifacts().size() + " (" + t.artifacts().stream()
              .map(a -> a.identity() == null ? "?" : a.identity()).distinct().reduce((a, b) -> a + "; " + b).orElse("") + ")");
    }
    StringBuilder sb = new StringBuilder(table.render());
    long passed = report.targets().stream().filter(TargetResult::passed).count();
    boolean anyEmulated = report.targets().stream().anyMatch(TargetResult::emulated);
    sb.append('\n').append(passed).append(" of ").append(report.targets().size()).append(" targets passed in ")
        .append(String.format(Locale.ROOT, "%.1fs", report.seconds())).append(" (").append(report.jobs()).append(" jobs).");
    if (anyEmulated && "test".equals(report.command())) {
      sb.append(" Emulated runs (qemu-user, qemu-system, wine) test the code, not the hardware.");
    }
    sb.append('\n');
    if (report.interrupted()) {
      sb.append("Interrupted: crosskit was stopped before ").append(String.join(", ", report.targets().stream()
          .filter(TargetResult::interrupted).map(TargetResult::target).toList()))
          .append(" finished; their processes were killed and nothing of them is reused by the next run.\n");
    }
    for (TargetResult t : report.targets()) {
      for (StepResult s : t.steps()) {
        if (s.status() == Status.INTERRUPTED) {
          sb.append('\n').append(t.target()).append(": ").append(s.step()).append(" interrupted\n");
        } else if (s.status().failed()) {
          sb.append('\n').append(t.target()).append(": ").append(s.step()).append(" failed: ").append(s.summary()).append('\n');
          if (s.log() != null) {
            sb.append("  log: ").append(report.outDir()).append('/').append(s.log()).append('\n');
          }
          if (s.tail() != null && !s.tail().isBlank()) {
            for (String line : s.tail().split("\n")) {
              sb.append("  | ").append(line).append('\n');
            }
          }
        }
      }
    }
    return sb.toString();
  }

  private static String cell(TargetResult t, Step step) {
    return t.step(step).map(MatrixTable::word).orElse("-");
  }

  private static String word(StepResult s) {
    return switch (s.status()) {
      case PASSED -> "ok";
      case CACHED -> "cached";
      case FAILED -> "FAIL";
      case SKIPPED -> "skip";
      case INTERRUPTED -> "INTERRUPTED";
    };
  }

  /** The compile cache's hits of the build's compilations ("12/14 hit"), or "-" when it was not used. */
  private static String compileCache(TargetResult t) {
    CompileCacheStats s = t.compileCache();
    return s == null ? "-" : s.hits() + "/" + (s.hits() + s.misses()) + " hit";
  }

  private static String verify(TargetResult t) {
    return t.step(Step.VERIFY).map(MatrixTable::word).orElseGet(() -> t.step(Step.COLLECT).map(MatrixTable::word).orElse("-"));
  }

  private static String tests(TargetResult t) {
    Optional<StepResult> step = t.step(Step.TEST);
    if (step.isEmpty()) {
      return "-";
    }
    if (t.tests().isEmpty()) {
      return word(step.get());
    }
    long failed = t.tests().stream().filter(TestCase::failed).count();
    long skipped = t.tests().stream().filter(c -> c.status().equals(TestCase.SKIPPED)).count();
    long passed = t.tests().size() - failed - skipped;
    String timedOut = step.get().summary() != null && step.get().summary().startsWith("timed out") ? " TIMEOUT" : "";
    long expected = t.tests().stream().filter(TestCase::expectedFailure).count();
    return passed + "/" + failed + "/" + skipped + (expected > 0 ? " (" + expected + " xfail)" : "") + timedOut;
  }
}
