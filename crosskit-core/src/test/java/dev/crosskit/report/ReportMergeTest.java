package dev.crosskit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.result.Artifact;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.result.TestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json keeps the last result of each target, step by step while the binaries are the same. */
class ReportMergeTest {
  @TempDir Path out;

  private static StepResult step(Step s, Status status) {
    return new StepResult(s, status, 1, s.id() + " " + status.word(), null, null);
  }

  private static TargetResult target(String name, String sha, List<TestCase> tests, StepResult... steps) {
    return new TargetResult(name, "gcc", tests.isEmpty() ? null : "qemu-user", !tests.isEmpty(), List.of(steps), tests,
        List.of(new Artifact(name + "/artifacts/app", 1, sha, name, "ELF", true, List.of())), 1, false);
  }

  private MatrixReport report(String command, TargetResult... targets) {
    return new MatrixReport(MatrixReport.SCHEMA_VERSION, "app", command, "/src/app", out.toString(),
        "2026-01-01T00:00:00Z", 1, 2, List.of(targets));
  }

  private MatrixReport written() throws Exception {
    return dev.crosskit.base.Json.mapper().readValue(out.resolve(ReportFiles.REPORT).toFile(), MatrixReport.class);
  }

  @Test
  void aBuildAfterATestKeepsTheTestResultsOfTheSameBinariesAndTheOtherTargets() throws Exception {
    List<TestCase> failed = List.of(new TestCase("crc", TestCase.FAILED, 0, "exit 1"));
    ReportFiles.write(out, report("test",
        target("aarch64-linux-gnu", "aa", failed, step(Step.PROVISION, Status.PASSED), step(Step.BUILD, Status.PASSED),
            step(Step.VERIFY, Status.PASSED), step(Step.CANARY, Status.PASSED), step(Step.TEST, Status.FAILED)),
        target("riscv64-linux-gnu", "rr", List.of(), step(Step.BUILD, Status.PASSED))));
    // build --check-reproducible for aarch64 alone: the same binary
    ReportFiles.write(out, report("build", target("aarch64-linux-gnu", "aa", List.of(),
        step(Step.PROVISION, Status.PASSED), step(Step.BUILD, Status.CACHED), step(Step.VERIFY, Status.PASSED),
        step(Step.REPRODUCIBLE, Status.PASSED))));
    MatrixReport merged = written();
    assertThat(merged.command()).isEqualTo("build");
    TargetResult arm = merged.targets().get(0);
    assertThat(arm.steps()).extracting(s -> s.step().id() + " " + s.status().word()).containsExactly(
        "provision passed", "build cached", "verify passed", "reproducible passed", "canary passed", "test failed");
    assertThat(arm.tests()).isEqualTo(failed);
    assertThat(arm.runner()).isEqualTo("qemu-user");
    assertThat(arm.passed()).isFalse(); // so package still leaves it out
    assertThat(merged.targets()).extracting(TargetResult::target).containsExactly("aarch64-linux-gnu", "riscv64-linux-gnu");
    // junit.xml says the same as report.json, as `crosskit report --format junit` would
    assertThat(Files.readString(out.resolve(ReportFiles.JUNIT))).contains("riscv64").contains("name=\"crc\"");
  }

  @Test
  void aRebuildWithOtherBytesDropsTheOldTestsAndAnotherProjectIsNotMerged() throws Exception {
    ReportFiles.write(out, report("test", target("aarch64-linux-gnu", "aa",
        List.of(new TestCase("crc", TestCase.FAILED, 0, "")), step(Step.BUILD, Status.PASSED),
        step(Step.TEST, Status.FAILED))));
    ReportFiles.write(out, report("build", target("aarch64-linux-gnu", "bb", List.of(), step(Step.BUILD, Status.PASSED))));
    TargetResult arm = written().targets().get(0);
    assertThat(arm.steps()).extracting(StepResult::step).containsExactly(Step.BUILD);
    assertThat(arm.tests()).isEmpty();

    MatrixReport other = new MatrixReport(MatrixReport.SCHEMA_VERSION, "lib", "build", "/src/lib", out.toString(),
        "2026-01-01T00:00:00Z", 1, 2, List.of(target("x86_64-linux-gnu", "xx", List.of(), step(Step.BUILD, Status.PASSED))));
    ReportFiles.write(out, other);
    assertThat(written()).isEqualTo(other);
  }
}
