package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static dev.crosskit.cli.MatrixIntegrationTest.tests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the matrix does when things go wrong: one target's compile error, a failing test, a
 * hanging test, a target without a toolchain, a broken crosskit.toml. The other targets must
 * still complete and the report must say exactly what happened.
 */
@Tag("integration")
class MatrixFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path project;
  @TempDir Path out;

  @BeforeEach
  void writeProject() throws IOException {
    Files.writeString(project.resolve("Makefile"), """
        CC ?= cc
        EXE ?=
        all: hello$(EXE)
        hello$(EXE): hello.c
        \t$(CC) $(CFLAGS) hello.c -o $@ $(LDFLAGS)
        test: hello$(EXE)
        \t@if $(RUNNER) ./hello$(EXE) ok; then echo "PASS: ok"; else echo "FAIL: ok"; fi
        \t@if $(RUNNER) ./hello$(EXE) $(MODE); then echo "PASS: mode"; else echo "FAIL: mode"; exit 1; fi
        .PHONY: all test
        """);
    Files.writeString(project.resolve("hello.c"), """
        #include <stdio.h>
        #include <string.h>
        #include <unistd.h>
        #ifdef BREAK_BUILD
        #error "this target's build is broken on purpose"
        #endif
        int main(int argc, char **argv) {
          if (argc > 1 && strcmp(argv[1], "hang") == 0) { for (;;) sleep(1); }
          if (argc > 1 && strcmp(argv[1], "fail") == 0) { puts("failing on purpose"); return 3; }
          puts("hello");
          return 0;
        }
        """);
  }

  private CliRunner run(String toml, String... targets) throws IOException {
    return run(null, toml, targets);
  }

  /** Over {@code host} (null: this machine as it is). */
  private CliRunner run(dev.crosskit.host.Host host, String toml, String... targets) throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), toml);
    List<String> args = new java.util.ArrayList<>(List.of("test", "-C", project.toString(), "--out", out.toString(),
        "--jobs", "2"));
    for (String t : targets) {
      args.add("--target");
      args.add(t);
    }
    return host == null ? CliRunner.run(args.toArray(String[]::new)) : CliRunner.run(host, args.toArray(String[]::new));
  }

  private JsonNode report() throws IOException {
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  @Test
  void compileErrorInOneTargetLeavesTheOthersComplete() throws IOException {
    CliRunner r = run("""
        [project]
        build = "make"
        [build]
        artifacts = ["hello"]
        [target.aarch64-linux-gnu]
        build.env = { CFLAGS = "-DBREAK_BUILD" }
        """, "aarch64-linux-gnu", "riscv64-linux-gnu");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode broken = target(report(), "aarch64-linux-gnu");
    assertThat(status(broken, "build")).isEqualTo("FAILED");
    assertThat(status(broken, "verify")).isEqualTo("SKIPPED");
    assertThat(broken.toString()).contains("broken on purpose").contains("logs/build.log");
    JsonNode fine = target(report(), "riscv64-linux-gnu");
    assertThat(status(fine, "build")).isEqualTo("PASSED");
    assertThat(status(fine, "test")).isEqualTo("PASSED");
    assertThat(r.out()).contains("aarch64-linux-gnu: build failed").contains("broken on purpose");
    // the page of this real run: both targets, the failed build's tail, links to the logs that are there
    String page = Files.readString(out.resolve("report.html"));
    assertThat(page).contains("id=\"t-aarch64-linux-gnu\"", "id=\"t-riscv64-linux-gnu\"", "broken on purpose",
        "href=\"aarch64-linux-gnu/logs/build.log\"", "href=\"riscv64-linux-gnu/logs/test.log\"");
    assertThat(out.resolve("aarch64-linux-gnu/logs/build.log")).isRegularFile();
    assertThat(out.resolve("riscv64-linux-gnu/logs/test.log")).isRegularFile();
  }

  @Test
  void failingTestIsReportedByName() throws IOException {
    CliRunner r = run("""
        [project]
        build = "make"
        [build]
        artifacts = ["hello"]
        env = { MODE = "fail" }
        """, "armv7-linux-gnueabihf");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode t = target(report(), "armv7-linux-gnueabihf");
    assertThat(status(t, "canary")).isEqualTo("PASSED");
    assertThat(status(t, "test")).isEqualTo("FAILED");
    assertThat(tests(t, "passed")).isEqualTo(1);
    assertThat(tests(t, "failed")).isEqualTo(1);
    assertThat(Files.readString(out.resolve("junit.xml"))).contains("name=\"mode\"").contains("<failure");
    assertThat(Files.readString(out.resolve("report.html"))).contains("Failing tests (1)",
        "<th scope=\"row\" class=\"test-name\">mode</th>");
  }

  @Test
  void hangingTestIsKilledAtTheTimeout() throws IOException {
    long start = System.nanoTime();
    CliRunner r = run("""
        [project]
        build = "make"
        [build]
        artifacts = ["hello"]
        env = { MODE = "hang" }
        [test]
        timeout = "3s"
        """, "aarch64-linux-gnu", "x86_64-linux-gnu");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(r.exitCode()).isEqualTo(1);
    for (String name : List.of("aarch64-linux-gnu", "x86_64-linux-gnu")) {
      JsonNode t = target(report(), name);
      assertThat(status(t, "test")).isEqualTo("FAILED");
      assertThat(t.toString()).contains("timed out after 3s (process tree killed)");
    }
    assertThat(seconds).as("the hang guard fired").isLessThan(120);
    // nothing of the hung program is left running
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(out.toString())
        && p.info().commandLine().orElse("").contains("hello"))).isEmpty();
  }

  @Test
  void aSubMinuteBuildTimeoutIsReportedInSeconds() throws IOException {
    CliRunner r = run("""
        [project]
        build = "command"
        [build]
        command = ["sleep", "60"]
        timeout = "2s"
        """, "x86_64-linux-gnu");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode t = target(report(), "x86_64-linux-gnu");
    assertThat(status(t, "build")).isEqualTo("FAILED");
    assertThat(t.toString()).contains("build timed out after 2s (process tree killed)").doesNotContain("0 min");
  }

  @Test
  void missingToolchainNamesCrosskitSetup(@TempDir Path bin) throws IOException {
    // a host whose PATH has no s390x compiler (nor clang, which would stand in with an installed s390x
    // sysroot), whatever this machine has installed
    CliRunner r = run(HostWithout.programs(bin, "s390x-linux-gnu-", "clang"), """
        [project]
        build = "make"
        [build]
        artifacts = ["hello"]
        """, "s390x-linux-gnu", "x86_64-linux-gnu");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode missing = target(report(), "s390x-linux-gnu");
    assertThat(status(missing, "provision")).isEqualTo("FAILED");
    assertThat(missing.toString()).contains("crosskit setup s390x-linux-gnu");
    assertThat(status(target(report(), "x86_64-linux-gnu"), "test")).isEqualTo("PASSED");
  }

  @Test
  void brokenConfigurationExitsTwoWithFileAndLine() throws IOException {
    CliRunner r = run("""
        [project]
        build = "make"
        [build]
        artifact = ["hello"]
        """, "x86_64-linux-gnu");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("crosskit.toml:4").contains("unknown key 'artifact'").doesNotContain("Exception");
    assertThat(out.resolve("report.json")).doesNotExist();
  }

  @Test
  void noTargetsIsAUsageError() throws IOException {
    CliRunner r = run("[project]\nbuild = \"make\"\n");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no targets");
  }

  @Test
  void initWritesAConfigurationThatLoads() throws IOException {
    Files.delete(project.resolve("Makefile"));
    Files.writeString(project.resolve("meson.build"), "project('x', 'c')\n");
    CliRunner r = CliRunner.run("init", "-C", project.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readString(project.resolve("crosskit.toml"))).contains("build = \"meson\"");
    assertThat(CliRunner.run("init", "-C", project.toString()).exitCode()).isEqualTo(2);
    new dev.crosskit.config.ConfigLoader().load(project, java.util.Map.of(),
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
  }
}
