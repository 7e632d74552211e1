package dev.crosskit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTableTest {
  private static TargetResult target(String name, StepResult... steps) {
    return new TargetResult(name, "gcc", "native", false, List.of(steps), List.of(), List.of(), 1, false);
  }

  private static String render(TargetResult... targets) {
    return MatrixTable.render(new MatrixReport(MatrixReport.SCHEMA_VERSION, "app", "build", "/p", "/p/target/crosskit",
        "2026-01-01T00:00:00Z", 1, 2, List.of(targets)));
  }

  private static StepResult step(Step s, Status status) {
    return new StepResult(s, status, 0, "", null, null);
  }

  /** docs/packaging.md: the reproducibility result is in the table when it was checked. */
  @Test
  void theReproducibleResultIsAColumnWhenChecked() {
    String table = render(target("x86_64-linux-gnu", step(Step.BUILD, Status.PASSED), step(Step.VERIFY, Status.PASSED),
        step(Step.REPRODUCIBLE, Status.PASSED)), target("aarch64-linux-gnu", step(Step.BUILD, Status.PASSED),
        step(Step.VERIFY, Status.PASSED), step(Step.REPRODUCIBLE, Status.FAILED)));
    List<String> lines = table.lines().toList();
    assertThat(lines.get(0)).containsPattern("VERIFY +REPRO +CANARY");
    assertThat(lines.get(2)).containsPattern("x86_64-linux-gnu +gcc +ok +- +ok +ok +- ");
    assertThat(lines.get(3)).containsPattern("aarch64-linux-gnu +gcc +ok +- +ok +FAIL +- ");

    assertThat(render(target("x86_64-linux-gnu", step(Step.BUILD, Status.PASSED))).lines().findFirst().orElseThrow())
        .doesNotContain("REPRO");
  }
}
