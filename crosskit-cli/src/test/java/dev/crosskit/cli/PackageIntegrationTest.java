package dev.crosskit.cli;

import static dev.crosskit.cli.ExternalTools.ok;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.build.SourceTree;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release archives for real cross builds: the c-cmake example copied to two different
 * directories (two checkouts), built for five targets in each with the real cross compilers, and
 * packaged (SOURCE_DATE_EPOCH from each checkout's last commit): the archives must be identical byte for byte, and sha256sum and tar must agree with
 * SHA256SUMS and with what the archives claim. One checkout is also built with
 * --check-reproducible.
 */
@Tag("integration")
class PackageIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TARGETS = {"x86_64-linux-gnu", "aarch64-linux-gnu", "armv7-linux-gnueabihf",
      "riscv64-linux-gnu", "x86_64-windows-gnu"};

  @TempDir Path first;
  @TempDir Path second;

  private static CliRunner build(Path project, String... extra) {
    List<String> args = new ArrayList<>(List.of("build", "-C", project.toString(), "--jobs", "2", "-q"));
    for (String t : TARGETS) {
      args.addAll(List.of("--target", t));
    }
    args.addAll(List.of(extra));
    return CliRunner.run(args.toArray(String[]::new));
  }

  /** A git checkout of the example whose last commit is at 2023-11-14T22:13:20Z (SOURCE_DATE_EPOCH comes from it). */
  static Path checkout(Path dir) throws IOException {
    ExternalTools.require("git", "git");
    Path project = dir.resolve("ckcalc-checkout");
    new SourceTree(MatrixIntegrationTest.example("c-cmake")).copyTo(project);
    assertThat(project.resolve("crosskit.toml")).isRegularFile();
    Map<String, String> env = Map.of("GIT_AUTHOR_DATE", "@1700000000 +0000", "GIT_COMMITTER_DATE", "@1700000000 +0000",
        "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.org", "GIT_COMMITTER_NAME", "t",
        "GIT_COMMITTER_EMAIL", "t@example.org");
    for (List<String> argv : List.of(List.of("git", "init", "-q"), List.of("git", "add", "-A"),
        List.of("git", "commit", "-q", "-m", "ckcalc"))) {
      Result r = new ProcessRunner().capture(Command.of(argv).withCwd(project).withEnv(env));
      assertThat(r.ok()).as(argv + ": " + r.error()).isTrue();
    }
    return project;
  }

  @Test
  void twoCheckoutsGiveIdenticalArchives() throws IOException {
    ExternalTools.require("sha256sum", "coreutils");
    Path a = checkout(first);
    Path b = checkout(second);

    CliRunner none = CliRunner.run("package", "-C", a.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("run 'crosskit build' or 'crosskit test' first").doesNotContain("Exception");

    CliRunner builtA = build(a, "--check-reproducible");
    assertThat(builtA.exitCode()).as(builtA.out()).isZero();
    JsonNode report = JSON.readTree(a.resolve("target/crosskit/report.json").toFile());
    for (String t : TARGETS) {
      assertThat(status(target(report, t), "reproducible")).as(t + ": " + target(report, t)).isEqualTo("PASSED");
    }
    assertThat(build(b).exitCode()).isZero();

    CliRunner packA = CliRunner.run("package", "-C", a.toString());
    assertThat(packA.exitCode()).as(packA.err()).isZero();
    CliRunner packB = CliRunner.run("package", "-C", b.toString(), "--json");
    assertThat(packB.exitCode()).as(packB.err()).isZero();
    Path distA = a.resolve("target/crosskit/dist");
    Path distB = b.resolve("target/crosskit/dist");
    String sums = Files.readString(distA.resolve("SHA256SUMS"));
    assertThat(sums).isEqualTo(Files.readString(distB.resolve("SHA256SUMS")));
    assertThat(sums.lines()).hasSize(TARGETS.length);
    assertThat(sums).contains("  ckcalc-1.0.0-linux-amd64.tar.gz\n", "  ckcalc-1.0.0-linux-arm64.tar.gz\n",
        "  ckcalc-1.0.0-linux-armv7.tar.gz\n", "  ckcalc-1.0.0-linux-riscv64.tar.gz\n",
        "  ckcalc-1.0.0-windows-amd64.zip\n");
    // the real sha256sum agrees with the file
    assertThat(ok("sh", "-c", "cd '" + distA + "' && sha256sum -c SHA256SUMS")).contains(": OK").doesNotContain("FAILED");

    JsonNode manifest = JSON.readTree(packB.out());
    assertThat(manifest.path("files")).hasSize(TARGETS.length);
    JsonNode arm = manifest.path("files").findParents("target").stream()
        .filter(f -> f.path("target").asText().equals("aarch64-linux-gnu")).findFirst().orElseThrow();
    assertThat(arm.path("contents").get(0).path("path").asText()).isEqualTo("ckcalc");
    assertThat(arm.path("contents").get(0).path("verified").asBoolean()).isTrue();
    assertThat(arm.path("contents").get(0).path("identity").asText()).contains("aarch64");

    // what tar sees: one top directory, root-owned, mode 0755, the last commit's time
    String listing = ok("tar", "--utc", "-tvzf", distA.resolve("ckcalc-1.0.0-linux-arm64.tar.gz").toString());
    assertThat(listing).contains("drwxr-xr-x root/root", "-rwxr-xr-x root/root",
        "2023-11-14 22:13 ckcalc-1.0.0-linux-arm64/ckcalc");
    String zip = ok("unzip", "-l", distA.resolve("ckcalc-1.0.0-windows-amd64.zip").toString());
    assertThat(zip).contains("ckcalc-1.0.0-windows-amd64/ckcalc.exe");
  }

  @Test
  void checkReproducibleNamesTheSectionThatEmbedsTheBuildTime() throws IOException {
    Path project = first.resolve("stamp");
    Files.createDirectories(project);
    Files.writeString(project.resolve("Makefile"), """
        CC ?= cc
        all: stamp
        stamp: stamp.c
        \t$(CC) $(CFLAGS) stamp.c -o $@ $(LDFLAGS)
        .PHONY: all
        """);
    Files.writeString(project.resolve("stamp.c"), """
        #include <stdio.h>
        int main(void) { printf("built %s %s\\n", __DATE__, __TIME__); return 0; }
        """);
    // reproducible = false: without SOURCE_DATE_EPOCH gcc writes the real date and time
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "stamp"
        version = "0.1"
        build = "make"
        [build]
        artifacts = ["stamp"]
        reproducible = false
        """);
    CliRunner r = CliRunner.run("build", "-C", project.toString(), "--target", "aarch64-linux-gnu",
        "--check-reproducible", "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode t = target(JSON.readTree(r.out()), "aarch64-linux-gnu");
    assertThat(status(t, "build")).isEqualTo("PASSED");
    assertThat(status(t, "reproducible")).isEqualTo("FAILED");
    String summary = t.path("steps").findParents("step").stream().filter(s -> s.path("step").asText()
        .equals("reproducible")).findFirst().orElseThrow().path("summary").asText();
    assertThat(summary).contains("stamp: differs in", ".rodata", "likely timestamps");

    // crosskit's default flags make it reproducible: SOURCE_DATE_EPOCH fixes __DATE__/__TIME__, and
    // -ffile-prefix-map hides the build directory that __FILE__ now holds (in-source: the copy differs per build)
    Files.writeString(project.resolve("Makefile"), Files.readString(project.resolve("Makefile"))
        .replace("stamp.c -o", "$(CURDIR)/stamp.c -o"));
    Files.writeString(project.resolve("stamp.c"), Files.readString(project.resolve("stamp.c"))
        .replace("__TIME__);", "__TIME__); puts(__FILE__);"));
    Files.writeString(project.resolve("crosskit.toml"), Files.readString(project.resolve("crosskit.toml"))
        .replace("reproducible = false", "cflags = \"-march=native\""));
    CliRunner fixed = CliRunner.run("build", "-C", project.toString(), "--target", "x86_64-linux-gnu",
        "--check-reproducible", "--json");
    assertThat(fixed.exitCode()).as(fixed.out()).isZero();
    JsonNode ft = target(JSON.readTree(fixed.out()), "x86_64-linux-gnu");
    assertThat(status(ft, "reproducible")).isEqualTo("PASSED");
    assertThat(ft.path("steps").get(1).path("summary").asText()).contains("warning: -march=native");

    // packaging refuses a failed target unless asked
    CliRunner refused = CliRunner.run("package", "-C", project.toString(), "--target", "x86_64-linux-gnu",
        "--name-template", "{name}-{version}-{bogus}");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("unknown placeholder {bogus}");
  }
}
