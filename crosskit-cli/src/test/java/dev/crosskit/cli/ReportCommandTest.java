package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.Json;
import dev.crosskit.report.ReportFiles;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.result.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crosskit report}: the last run's report.json rendered again, in each format. */
class ReportCommandTest {
  @TempDir Path dir;
  private Path out;
  private MatrixReport report;

  @BeforeEach
  void aRunWithAFailedTest() throws IOException {
    out = dir.resolve("out");
    Files.createDirectories(out.resolve("aarch64-linux-gnu/logs"));
    Files.writeString(out.resolve("aarch64-linux-gnu/logs/test.log"), "1/2 Test #2: crc32 ... ***Failed\n");
    TargetResult t = new TargetResult("aarch64-linux-gnu", "gcc-cross aarch64-linux-gnu-gcc", "qemu-user", true, List.of(
        new StepResult(Step.BUILD, Status.PASSED, 3.2, "2 steps", null, null),
        new StepResult(Step.TEST, Status.FAILED, 1.1, "1 passed, 1 failed, 0 skipped", "aarch64-linux-gnu/logs/test.log",
            "crc32 ... ***Failed")),
        List.of(new TestCase("add", TestCase.PASSED, 0.1, ""), new TestCase("crc32", TestCase.FAILED, 0.2, "Failed")),
        List.of(), 4.3, false);
    report = new MatrixReport(MatrixReport.SCHEMA_VERSION, "ckcalc", "test", dir.toString(), out.toString(),
        "2026-11-21T23:40:00Z", 4.5, 2, List.of(t));
    ReportFiles.write(out, report);
    Files.delete(out.resolve(ReportFiles.HTML));
  }

  @Test
  void htmlIsWrittenBesideReportJsonWithItsLogLinks() throws IOException {
    CliRunner r = CliRunner.run("report", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path page = out.resolve(ReportFiles.HTML);
    assertThat(r.out().strip()).isEqualTo("Report: " + page);
    String html = Files.readString(page);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("aarch64-linux-gnu", "crc32", "1 of 1 target failed",
        "href=\"aarch64-linux-gnu/logs/test.log\"");
  }

  @Test
  void theOtherFormatsPrintToStandardOutput() throws IOException {
    CliRunner json = CliRunner.run("report", "--out", out.toString(), "--format", "JSON");
    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(Json.mapper().readValue(json.out(), MatrixReport.class)).isEqualTo(report);
    CliRunner junit = CliRunner.run("report", "--out", out.toString(), "--format", "junit");
    assertThat(junit.out()).isEqualTo(Files.readString(out.resolve(ReportFiles.JUNIT)));
    CliRunner table = CliRunner.run("report", "--out", out.toString(), "--format", "table");
    assertThat(table.out()).contains("0 of 1 targets passed", "aarch64-linux-gnu: test failed: 1 passed, 1 failed");
    assertThat(out.resolve(ReportFiles.HTML)).doesNotExist();
  }

  @Test
  void theProjectsDefaultOutputDirectoryIsRead() throws IOException {
    Path project = dir.resolve("project");
    Path defaultOut = project.resolve("target/crosskit");
    Files.createDirectories(defaultOut);
    Files.copy(out.resolve(ReportFiles.REPORT), defaultOut.resolve(ReportFiles.REPORT));
    CliRunner r = CliRunner.run("report", "-C", project.toString(), "--format", "table");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("aarch64-linux-gnu");
  }

  @Test
  void noReportOrABrokenOneIsAOneLineErrorWithExitCode2() throws IOException {
    CliRunner none = CliRunner.run("report", "--out", dir.resolve("empty").toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err().strip()).startsWith("crosskit: no report to render: ").contains("run 'crosskit build' or 'crosskit test' first")
        .doesNotContain("\n").doesNotContain("Exception");
    Files.writeString(out.resolve(ReportFiles.REPORT), "{\"schemaVersion\": 1, \"targets\": [");
    CliRunner broken = CliRunner.run("report", "--out", out.toString());
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.err().strip()).startsWith("crosskit: cannot read ").doesNotContain("\n");
    assertThat(out.resolve(ReportFiles.HTML)).doesNotExist();
  }

  @Test
  void openGoesWithHtmlOnlyAndAnUnknownFormatIsNamed() {
    CliRunner open = CliRunner.run("report", "--out", out.toString(), "--open", "--format", "table");
    assertThat(open.exitCode()).isEqualTo(2);
    assertThat(open.err()).contains("--open opens the HTML page");
    CliRunner pdf = CliRunner.run("report", "--out", out.toString(), "--format", "pdf");
    assertThat(pdf.exitCode()).isEqualTo(2);
    assertThat(pdf.err()).contains("'pdf' is not one of html, json, junit, table");
  }

  @Test
  void openHandsThePageToXdgOpenInASessionOfItsOwn() throws Exception {
    Path host = dir.resolve("host");
    Path bin = Files.createDirectories(host.resolve("bin"));
    Path opened = dir.resolve("opened");
    // a stand-in xdg-open that records what it was given, then outlives crosskit as a browser would
    Path xdgOpen = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\nprintf '%s' \"$1\" > " + opened
        + ".part && mv " + opened + ".part " + opened + "\nsleep 1\n");
    Files.setPosixFilePermissions(xdgOpen, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(bin.resolve("setsid"), Path.of("/usr/bin/setsid"));
    CliRunner r = CliRunner.run(StandInHost.in(host), "report", "--out", out.toString(), "--open");
    assertThat(r.exitCode()).as(r.err()).isZero();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(opened) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(opened).hasContent(out.resolve(ReportFiles.HTML).toString());
  }

  @Test
  void openWithoutXdgOpenSaysWhatToInstall() throws IOException {
    CliRunner r = CliRunner.run(StandInHost.in(dir.resolve("host")), "report", "--out", out.toString(), "--open");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).contains("xdg-open (Debian package xdg-utils)").doesNotContain("\n");
    assertThat(out.resolve(ReportFiles.HTML)).as("the page is written all the same").exists();
  }
}
