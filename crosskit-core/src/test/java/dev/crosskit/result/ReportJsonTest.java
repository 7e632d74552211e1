package dev.crosskit.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * report.json across crosskit versions: older reports still read, newer fields round-trip,
 * unknown ones are ignored.
 */
class ReportJsonTest {
  /** A report as crosskit wrote it before the timeline's and the run's facts existed. */
  private static final String OLDER = """
      {"schemaVersion": 1, "project": "ckcalc", "command": "test", "projectDir": "/src/ckcalc",
       "outDir": "/src/ckcalc/target/crosskit", "started": "2026-11-21T23:40:00Z", "seconds": 51.0, "jobs": 2,
       "targets": [{"target": "aarch64-linux-gnu", "toolchain": "gcc-cross aarch64-linux-gnu-gcc",
         "runner": "qemu-user", "emulated": true,
         "steps": [{"step": "build", "status": "PASSED", "seconds": 12.3, "summary": "2 steps",
                    "log": "aarch64-linux-gnu/logs/build.log"}],
         "tests": [{"name": "crc32", "status": "passed", "seconds": 0.01, "message": ""}],
         "artifacts": [{"path": "aarch64-linux-gnu/artifacts/ckcalc", "size": 70960, "sha256": "ab",
                        "identity": "aarch64 ELF 64-bit dynamic glibc", "verified": true, "findings": []}],
         "seconds": 30.2, "cached": false}]}
      """;

  @Test
  void anOlderReportReadsWithTheNewFieldsMissing() throws Exception {
    MatrixReport r = Json.mapper().readValue(OLDER, MatrixReport.class);
    assertThat(r.crosskitVersion()).isNull();
    assertThat(r.host()).isNull();
    assertThat(r.cpuSeconds()).isNull();
    TargetResult t = r.targets().get(0);
    assertThat(t.start()).isNull();
    assertThat(t.toolchainVersion()).isNull();
    StepResult build = t.steps().get(0);
    assertThat(build.start()).isNull();
    assertThat(build.jobSlots()).isNull();
    assertThat(build.log()).isEqualTo("aarch64-linux-gnu/logs/build.log");
    assertThat(t.artifacts().get(0).facts()).isNull();
    assertThat(r.passed()).isTrue();
  }

  @Test
  void theNewFieldsRoundTripAndUnknownOnesAreIgnored() throws Exception {
    StepResult build = new StepResult(Step.BUILD, Status.PASSED, 4.5, "2 steps", "t/logs/build.log", null)
        .at(1.25, List.of(new JobSlotUse(List.of(1, 2), 1.5, 4.0)));
    Artifact a = new Artifact("t/artifacts/app", 10, "ab", "t", "x86_64 ELF 64-bit dynamic glibc", true, List.of(),
        new ArtifactFacts("x86_64", "linux", "glibc", "dynamic", "2.34", Map.of("pie", "yes")));
    TargetResult t = new TargetResult("t", "gcc", "native", false, List.of(build), List.of(), List.of(a), 5.0, false,
        1.0, "gcc (Debian 12.2.0-14) 12.2.0");
    MatrixReport r = new MatrixReport(1, "p", "build", "/p", "/p/target/crosskit", "2026-01-01T00:00:00Z", 6.0, 2,
        List.of(t), "0.1.0", "Debian, Linux 6.1, amd64, 2 cores", 9.5);
    String json = Json.write(r);
    assertThat(Json.mapper().readValue(json, MatrixReport.class)).isEqualTo(r);

    String newer = json.replaceFirst("\\{", "{\"fromAFutureCrosskit\": {\"x\": 1},")
        .replace("\"start\" : 1.25", "\"start\" : 1.25, \"alsoNew\" : true");
    assertThat(newer).contains("alsoNew", "fromAFutureCrosskit");
    assertThat(Json.mapper().readValue(newer, MatrixReport.class)).isEqualTo(r);
  }
}
