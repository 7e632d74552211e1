package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled examples built and tested for real: real cross compilers, QEMU user-mode and
 * Wine. Each asserts on report.json: the steps, the per-test counts and what verify found in
 * every artifact.
 */
@Tag("integration")
class MatrixIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path out;

  static Path example(String name) {
    Path p = Path.of("..", "examples", name).toAbsolutePath().normalize();
    assertThat(p).isDirectory();
    return p;
  }

  private JsonNode run(String command, Path project, String... targets) throws IOException {
    List<String> args = new ArrayList<>(List.of(command, "-C", project.toString(), "--out", out.toString(), "--jobs", "2"));
    for (String t : targets) {
      args.add("--target");
      args.add(t);
    }
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.err()).doesNotContain("Exception");
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(r.exitCode()).as(r.out()).isEqualTo(report.path("targets").findValuesAsText("status").contains("FAILED") ? 1 : 0);
    return report;
  }

  static JsonNode target(JsonNode report, String name) {
    for (JsonNode t : report.path("targets")) {
      if (t.path("target").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no " + name + " in " + report);
  }

  static String status(JsonNode target, String step) {
    for (JsonNode s : target.path("steps")) {
      if (s.path("step").asText().equals(step)) {
        return s.path("status").asText();
      }
    }
    return "absent";
  }

  static long tests(JsonNode target, String status) {
    long n = 0;
    for (JsonNode t : target.path("tests")) {
      if (t.path("status").asText().equals(status)) {
        n++;
      }
    }
    return n;
  }

  private void assertPassed(JsonNode report, String target, String arch, int passedTests) {
    JsonNode t = target(report, target);
    assertThat(status(t, "build")).as(target).isEqualTo("PASSED");
    assertThat(status(t, "verify")).as(target).isEqualTo("PASSED");
    assertThat(status(t, "canary")).as(target).isEqualTo("PASSED");
    assertThat(status(t, "test")).as(target).isEqualTo("PASSED");
    assertThat(tests(t, "passed")).as(target).isEqualTo(passedTests);
    assertThat(tests(t, "failed")).as(target).isZero();
    assertThat(t.path("artifacts")).isNotEmpty();
    for (JsonNode a : t.path("artifacts")) {
      assertThat(a.path("verified").asBoolean()).as(a.toString()).isTrue();
      if (a.path("identity").asText().contains("static")) {
        // a static binary carries no interpreter or libc name: verify proves arch and linkage, and says
        // the libc could not be told, rather than claiming musl
        assertThat(a.path("findings").toString()).contains("libc cannot be told");
      } else {
        assertThat(a.path("matchedTarget").asText()).as(a.toString()).isEqualTo(target);
      }
      assertThat(a.path("identity").asText()).startsWith(arch);
      assertThat(out.resolve(a.path("path").asText())).isRegularFile();
    }
  }

  @Test
  void cmakeExampleForFiveTargetsThenCachedRerun() throws IOException {
    JsonNode report = run("test", example("c-cmake"), "x86_64-linux-musl", "aarch64-linux-gnu",
        "armv7-linux-gnueabihf", "riscv64-linux-gnu", "x86_64-windows-gnu");
    assertPassed(report, "aarch64-linux-gnu", "aarch64", 6);
    assertPassed(report, "armv7-linux-gnueabihf", "armv7", 6);
    assertPassed(report, "riscv64-linux-gnu", "riscv64", 6);
    assertPassed(report, "x86_64-windows-gnu", "x86_64 PE", 6);
    // C++ for musl too (crosskit's libstdc++ for musl, built once): the example's C++ test runs, fully static
    assertPassed(report, "x86_64-linux-musl", "x86_64 ELF 64-bit static", 6);
    assertThat(target(report, "aarch64-linux-gnu").path("runner").asText()).isEqualTo("qemu-user");
    assertThat(target(report, "aarch64-linux-gnu").path("emulated").asBoolean()).isTrue();
    assertThat(target(report, "x86_64-windows-gnu").path("runner").asText()).isEqualTo("wine");
    assertThat(Files.readString(out.resolve("junit.xml"))).contains("<testsuite name=\"riscv64-linux-gnu\"",
        "name=\"summary\"", "<property name=\"emulated\" value=\"true\"/>");

    long start = System.nanoTime();
    JsonNode again = run("test", example("c-cmake"), "x86_64-linux-musl", "aarch64-linux-gnu",
        "armv7-linux-gnueabihf", "riscv64-linux-gnu", "x86_64-windows-gnu");
    double seconds = (System.nanoTime() - start) / 1e9;
    for (JsonNode t : again.path("targets")) {
      assertThat(t.path("cached").asBoolean()).as(t.path("target").asText()).isTrue();
      assertThat(status(t, "build")).isEqualTo("CACHED");
    }
    System.out.printf("cached re-run of 5 targets: %.2f s%n", seconds);
  }

  @Test
  void mesonExampleForFourTargets() throws IOException {
    JsonNode report = run("test", example("c-meson"), "x86_64-linux-gnu", "aarch64-linux-gnu",
        "armv7-linux-gnueabihf", "riscv64-linux-gnu");
    assertPassed(report, "x86_64-linux-gnu", "x86_64", 4);
    assertPassed(report, "aarch64-linux-gnu", "aarch64", 4);
    assertPassed(report, "armv7-linux-gnueabihf", "armv7", 4);
    assertPassed(report, "riscv64-linux-gnu", "riscv64", 4);
    assertThat(target(report, "x86_64-linux-gnu").path("emulated").asBoolean()).isFalse();
  }

  @Test
  void makeExampleForFourTargets() throws IOException {
    JsonNode report = run("test", example("c-make"), "x86_64-linux-musl", "aarch64-linux-gnu",
        "armv7-linux-gnueabihf", "riscv64-linux-gnu");
    assertPassed(report, "x86_64-linux-musl", "x86_64 ELF 64-bit static", 3);
    assertPassed(report, "aarch64-linux-gnu", "aarch64", 3);
    assertPassed(report, "armv7-linux-gnueabihf", "armv7", 3);
    assertPassed(report, "riscv64-linux-gnu", "riscv64", 3);
  }

  @Test
  void buildOnlyRunsNoCanaryOrTests() throws IOException {
    JsonNode report = run("build", example("c-make"), "aarch64-linux-gnu");
    JsonNode t = target(report, "aarch64-linux-gnu");
    assertThat(status(t, "build")).isEqualTo("PASSED");
    assertThat(status(t, "verify")).isEqualTo("PASSED");
    assertThat(status(t, "canary")).isEqualTo("absent");
    assertThat(status(t, "test")).isEqualTo("absent");
  }
}
