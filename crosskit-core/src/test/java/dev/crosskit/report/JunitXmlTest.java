package dev.crosskit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.result.TestCase;
import java.util.List;
import org.junit.jupiter.api.Test;

class JunitXmlTest {
  private static String render(StepResult test, TestCase... cases) {
    TargetResult t = new TargetResult("aarch64-linux-gnu", "gcc", "qemu-user", true,
        List.of(new StepResult(Step.BUILD, Status.PASSED, 1, "1 step", null, null), test), List.of(cases), List.of(), 2,
        false);
    return JunitXml.render(new MatrixReport(MatrixReport.SCHEMA_VERSION, "app", "test", "/p", "/p/target/crosskit",
        "2026-01-01T00:00:00Z", 2, 1, List.of(t)));
  }

  /** A timed-out test case says so and carries the log's tail, as a failed step does. */
  @Test
  void aTimedOutTestCarriesTheTimeoutAndTheLogTail() {
    String xml = render(new StepResult(Step.TEST, Status.FAILED, 1, "timed out after 1s (process tree killed); 0 passed,"
        + " 1 failed, 0 skipped", "aarch64-linux-gnu/logs/test.log", "test 1\n    Start 1: slow <&>\n"),
        new TestCase("tests", TestCase.FAILED, 1, "exit -1"));
    assertThat(xml).contains("<failure message=\"exit -1 (test step: timed out after 1s (process tree killed); 0 passed,"
        + " 1 failed, 0 skipped)\">test 1\n    Start 1: slow &lt;&amp;&gt;\n</failure>");
  }

  @Test
  void aFailedTestOfAFailedStepCarriesTheTailAndAPassingOneNothing() {
    String xml = render(new StepResult(Step.TEST, Status.FAILED, 1, "1 passed, 1 failed, 0 skipped", "log", "FAIL: crc"),
        new TestCase("crc", TestCase.FAILED, 0, ""), new TestCase("ok", TestCase.PASSED, 0, ""));
    assertThat(xml).contains("name=\"crc\" time=\"0.000\">\n      <failure message=\"failed (test step: 1 passed, 1"
        + " failed, 0 skipped)\">FAIL: crc</failure>").contains("name=\"ok\" time=\"0.000\"/>");
  }
}
