package dev.crosskit.report;

import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * report.json keeps the last result of every target of the project, merged step by step, so that
 * {@code package} and {@code image} (which read it) see what is known of each target, not only
 * what the latest run did. A run's targets replace their earlier results, except that the steps
 * the run did not do (canary and test after a {@code build}, reproducible after a {@code test})
 * are kept from the earlier result when the artifacts are byte for byte the same — the results
 * still describe these binaries. Targets the run did not build stay as they were. An output
 * directory used for another project is not merged with.
 */
public final class ReportMerge {
  private ReportMerge() {}

  public static MatrixReport merge(Optional<MatrixReport> previous, MatrixReport run) {
    if (previous.isEmpty() || !previous.get().projectDir().equals(run.projectDir())) {
      return run;
    }
    List<TargetResult> targets = new ArrayList<>();
    for (TargetResult t : run.targets()) {
      targets.add(find(previous.get(), t.target()).map(p -> merge(p, t)).orElse(t));
    }
    for (TargetResult p : previous.get().targets()) {
      if (find(run, p.target()).isEmpty()) {
        targets.add(p);
      }
    }
    return new MatrixReport(run.schemaVersion(), run.project(), run.command(), run.projectDir(), run.outDir(),
        run.started(), run.seconds(), run.jobs(), List.copyOf(targets), run.crosskitVersion(), run.host(),
        run.cpuSeconds());
  }

  /** One target's new result, with the steps it did not run taken from the earlier one for the same binaries. */
  static TargetResult merge(TargetResult previous, TargetResult now) {
    if (now.artifacts().isEmpty() || !digests(now).equals(digests(previous))) {
      return now;
    }
    List<StepResult> steps = new ArrayList<>(now.steps());
    previous.steps().stream().filter(s -> now.step(s.step()).isEmpty()).forEach(steps::add);
    steps.sort(Comparator.comparing(StepResult::step));
    boolean testsFromBefore = now.step(Step.TEST).isEmpty();
    return new TargetResult(now.target(), now.toolchain(), now.runner() != null ? now.runner() : previous.runner(),
        now.runner() != null ? now.emulated() : previous.emulated(), List.copyOf(steps),
        testsFromBefore ? previous.tests() : now.tests(), now.artifacts(), now.seconds(), now.cached());
  }

  private static List<String> digests(TargetResult t) {
    return t.artifacts().stream().map(a -> a.path() + " " + a.sha256()).sorted().toList();
  }

  private static Optional<TargetResult> find(MatrixReport r, String target) {
    return r.targets().stream().filter(t -> t.target().equals(target)).findFirst();
  }
}
