package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.base.Digests;
import dev.crosskit.base.Json;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code crosskit package} decides from a report: which targets it leaves out, how it names
 * colliding archives, and how it treats bad input. The report and artifact files are written by
 * the test (the real cross builds are in {@link PackageIntegrationTest}).
 */
class PackageCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path project;
  private Path out;

  @BeforeEach
  void writeProjectAndReport() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "demo"
        version = "2.0"
        build = "make"
        """);
    Files.writeString(project.resolve("LICENSE"), "MIT\n");
    out = project.resolve("target/crosskit");
    List<TargetResult> results = new ArrayList<>();
    results.add(result("x86_64-linux-gnu", Status.PASSED, true));
    results.add(result("x86_64-linux-musl", Status.PASSED, true));
    results.add(result("aarch64-linux-gnu", Status.FAILED, true));
    results.add(result("riscv64-linux-gnu", Status.PASSED, false));
    Files.writeString(out.resolve("report.json"), Json.write(new MatrixReport(MatrixReport.SCHEMA_VERSION, "demo",
        "test", project.toString(), out.toString(), "2026-01-01T00:00:00Z", 1, 2, results)));
  }

  private TargetResult result(String target, Status test, boolean verified) throws IOException {
    Path file = out.resolve(target).resolve("artifacts").resolve("demo");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "program for " + target);
    Artifact a = new Artifact(out.relativize(file).toString(), Files.size(file), Digests.sha256(file), target,
        target + " ELF", verified, verified ? List.of() : List.of("FAIL arch: wrong machine"));
    return new TargetResult(target, "gcc", null, false, List.of(new StepResult(Step.BUILD, Status.PASSED, 1, "", null, null),
        new StepResult(Step.TEST, test, 1, "", null, null)), List.of(), List.of(a), 1, false);
  }

  private JsonNode pack(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("package", "-C", project.toString(), "--json"));
    args.addAll(List.of(more));
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private static List<String> files(JsonNode manifest) {
    List<String> names = new ArrayList<>();
    manifest.path("files").forEach(f -> names.add(f.path("file").asText()));
    return names;
  }

  @Test
  void failedTargetsAreSkippedAndCollidingDefaultNamesGetTheirLibc() throws IOException {
    JsonNode m = pack();
    assertThat(files(m)).containsExactly("demo-2.0-linux-amd64-glibc.tar.gz", "demo-2.0-linux-amd64-musl.tar.gz");
    assertThat(m.path("skipped").toString()).contains("aarch64-linux-gnu", "failed [test]", "riscv64-linux-gnu",
        "failed verify");
    Path dist = out.resolve("dist");
    assertThat(Files.readString(dist.resolve("SHA256SUMS"))).contains("  demo-2.0-linux-amd64-musl.tar.gz\n");
    assertThat(JSON.readTree(dist.resolve("manifest.json").toFile())).isEqualTo(m);
    String listing = ExternalTools.ok("tar", "-tzf", dist.resolve("demo-2.0-linux-amd64-musl.tar.gz").toString());
    assertThat(listing).isEqualTo("demo-2.0-linux-amd64-musl/\ndemo-2.0-linux-amd64-musl/LICENSE\n"
        + "demo-2.0-linux-amd64-musl/demo\n");
  }

  @Test
  void allowFailedPackagesEverythingAndMarksIt() throws IOException {
    JsonNode m = pack("--allow-failed", "--name-template", "{name}-{target}");
    assertThat(files(m)).containsExactly("demo-aarch64-linux-gnu.tar.gz", "demo-riscv64-linux-gnu.tar.gz",
        "demo-x86_64-linux-gnu.tar.gz", "demo-x86_64-linux-musl.tar.gz");
    assertThat(m.path("files").get(0).path("passed").asBoolean()).isFalse();
    assertThat(m.path("files").get(2).path("passed").asBoolean()).isTrue();
    assertThat(m.path("skipped")).isEmpty();
  }

  /**
   * One target's archive is named as in a run over every target (docs/packaging.md), and dist/ is
   * replaced whole: it holds what SHA256SUMS and manifest.json describe, nothing older.
   */
  @Test
  void zipOnRequestAndSelectedTargetsOnlyNamedAsInAFullRun() throws IOException {
    pack();
    JsonNode m = pack("--target", "x86_64-linux-musl", "--format", "zip");
    assertThat(files(m)).containsExactly("demo-2.0-linux-amd64-musl.zip");
    try (var listing = Files.list(out.resolve("dist"))) {
      assertThat(listing.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("SHA256SUMS", "demo-2.0-linux-amd64-musl.zip", "manifest.json");
    }
  }

  /** A link among the artifacts stays a link in the tar; a link swapped in to a host file is refused. */
  @Test
  void artifactLinksStayLinksAndNeverLeadOutOfTheArtifacts() throws IOException {
    Path artifacts = out.resolve("x86_64-linux-gnu/artifacts");
    Path link = Files.createSymbolicLink(artifacts.resolve("demo-link"), Path.of("demo"));
    TargetResult r = result("x86_64-linux-gnu", Status.PASSED, true);
    Artifact linked = new Artifact(out.relativize(link).toString(), Files.size(link), Digests.sha256(link),
        "x86_64-linux-gnu", "x86_64-linux-gnu ELF", true, List.of());
    TargetResult both = new TargetResult(r.target(), r.toolchain(), null, false, r.steps(), List.of(),
        List.of(r.artifacts().get(0), linked), 1, false);
    Files.writeString(out.resolve("report.json"), Json.write(new MatrixReport(MatrixReport.SCHEMA_VERSION, "demo",
        "test", project.toString(), out.toString(), "2026-01-01T00:00:00Z", 1, 2, List.of(both))));
    pack();
    String listing = ExternalTools.ok("tar", "-tvzf", out.resolve("dist/demo-2.0-linux-amd64.tar.gz").toString());
    assertThat(listing).contains("demo-2.0-linux-amd64/demo-link -> demo").contains("-rwxr-xr-x root/root");

    // the same content, but as a link to a file outside the artifacts: refused, whatever its digest
    Path copy = project.resolve("elsewhere");
    Files.copy(artifacts.resolve("demo"), copy);
    Files.delete(link);
    Files.createSymbolicLink(link, copy);
    CliRunner refused = CliRunner.run("package", "-C", project.toString());
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err()).contains("demo-link is a link to " + copy + ", outside the build's artifacts");
  }

  @Test
  void badInputIsOneLineExitTwoAndLeavesDistAlone() throws IOException {
    pack("--target", "x86_64-linux-gnu");
    String before = Files.readString(out.resolve("dist/SHA256SUMS"));
    String[][] cases = {
        {"--name-template", "{name}-{os}", "all get the archive name demo-linux; add {libc} or {target}"},
        {"--target", "armv7-linux-gnueabihf", "is not in the last build"},
        {"--format", "rar", "--format': 'rar' is not one of auto, tar.gz, zip"},
        {"--name-template", "{nope}", "unknown placeholder {nope}"}};
    for (String[] c : cases) {
      CliRunner r = CliRunner.run("package", "-C", project.toString(), c[0], c[1]);
      assertThat(r.exitCode()).as(c[1]).isEqualTo(2);
      assertThat(r.err()).as(c[1]).contains(c[2]).doesNotContain("Exception");
      assertThat(r.err().lines()).hasSize(1);
    }
    Files.writeString(out.resolve("x86_64-linux-gnu/artifacts/demo"), "changed since the build");
    CliRunner changed = CliRunner.run("package", "-C", project.toString());
    assertThat(changed.exitCode()).isEqualTo(2);
    assertThat(changed.err()).contains("changed since the last build's report");
    assertThat(Files.readString(out.resolve("dist/SHA256SUMS"))).isEqualTo(before);

    Files.writeString(out.resolve("report.json"), "{ not json");
    CliRunner garbage = CliRunner.run("package", "-C", project.toString());
    assertThat(garbage.exitCode()).isEqualTo(2);
    assertThat(garbage.err()).contains("cannot read", "report.json", "run 'crosskit build' again")
        .doesNotContain("Exception");
    Files.writeString(out.resolve("x86_64-linux-gnu/artifacts/demo"), "program for x86_64-linux-gnu");
    writeProjectAndReport();

    CliRunner onlyFailed = CliRunner.run("package", "-C", project.toString(), "--target", "aarch64-linux-gnu");
    assertThat(onlyFailed.exitCode()).isEqualTo(1);
    assertThat(onlyFailed.err()).contains("nothing to package");
  }
}
