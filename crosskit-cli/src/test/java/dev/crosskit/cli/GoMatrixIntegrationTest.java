package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static dev.crosskit.cli.MatrixIntegrationTest.tests;
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
 * The Go adapter for real: golang-go's compiler, the targets' C cross compilers for cgo, test
 * binaries run under QEMU and Wine through {@code go test -exec}, results read test by test from
 * {@code go test -json}.
 */
@Tag("integration")
class GoMatrixIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> EXAMPLE_TESTS = List.of("example.com/gocgo/cmath.TestGCD",
      "example.com/gocgo/cmath.TestPointerBitsMatchGo", "example.com/gocgo/words.TestReverseASCII",
      "example.com/gocgo/words.TestReverseUnicode", "example.com/gocgo/words.TestCount",
      "example.com/gocgo/words.TestRunsAsTarget");
  @TempDir Path out;

  private JsonNode run(Path project, String... targets) throws IOException {
    return run(null, project, targets);
  }

  /** Over {@code host} (null: this machine as it is). */
  private JsonNode run(dev.crosskit.host.Host host, Path project, String... targets) throws IOException {
    List<String> args = new ArrayList<>(List.of("test", "-C", project.toString(), "--out", out.toString(), "--jobs", "2"));
    for (String t : targets) {
      args.add("--target");
      args.add(t);
    }
    CliRunner r = host == null ? CliRunner.run(args.toArray(String[]::new)) : CliRunner.run(host, args.toArray(String[]::new));
    assertThat(r.err()).doesNotContain("Exception");
    assertThat(r.err()).as("is golang-go installed? apt-get install golang-go").doesNotContain("Cannot run program \"go\"");
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  @Test
  void cgoExampleForFiveTargetsNamedAsDockerPlatforms() throws IOException {
    JsonNode report = run(example("go-cgo"), "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/riscv64",
        "windows/amd64");
    String[][] expected = {{"x86_64-linux-gnu", "x86_64 ELF 64-bit dynamic glibc"},
        {"aarch64-linux-gnu", "aarch64 ELF 64-bit dynamic glibc"}, {"armv7-linux-gnueabihf", "armv7 ELF 32-bit dynamic glibc hard-float"},
        {"riscv64-linux-gnu", "riscv64 ELF 64-bit dynamic glibc"}, {"x86_64-windows-gnu", "x86_64 PE 64-bit"}};
    for (String[] e : expected) {
      JsonNode t = target(report, e[0]);
      for (String step : List.of("build", "verify", "canary", "test")) {
        assertThat(status(t, step)).as(e[0] + " " + step).isEqualTo("PASSED");
      }
      List<String> names = new ArrayList<>();
      t.path("tests").forEach(c -> names.add(c.path("name").asText()));
      assertThat(names).as(e[0]).containsExactlyInAnyOrderElementsOf(EXAMPLE_TESTS);
      assertThat(tests(t, "passed")).isEqualTo(6);
      assertThat(t.path("artifacts")).hasSize(1);
      JsonNode a = t.path("artifacts").get(0);
      assertThat(a.path("verified").asBoolean()).as(a.toString()).isTrue();
      assertThat(a.path("identity").asText()).startsWith(e[1]); // cgo: linked against the target's libc
    }
    assertThat(target(report, "x86_64-windows-gnu").path("runner").asText()).isEqualTo("wine");
    assertThat(target(report, "riscv64-linux-gnu").path("runner").asText()).isEqualTo("qemu-user");
    assertThat(Files.readString(out.resolve("junit.xml"))).contains("example.com/gocgo/cmath.TestGCD");
  }

  /**
   * Pure Go for s390x on a host without an s390x C compiler: provision still passes (cgo off),
   * the canary is skipped, a deliberately failing test is reported by name, the others pass.
   */
  @Test
  void pureGoNeedsNoCCompilerAndReportsEachFailingTest(@TempDir Path project, @TempDir Path bin) throws IOException {
    // a host whose PATH has no s390x compiler (nor clang, which would stand in with an installed s390x
    // sysroot), whatever this machine has installed
    var host = HostWithout.programs(bin, "s390x-linux-gnu-", "clang");
    Files.createDirectories(project.resolve("words"));
    for (String f : List.of("go.mod", "words/words.go", "words/words_test.go")) {
      Files.copy(example("go-cgo").resolve(f), project.resolve(f));
    }
    Files.writeString(project.resolve("words/fail_test.go"), """
        package words

        import "testing"

        func TestDeliberatelyFails(t *testing.T) { t.Fatal("deliberate failure") }
        """);
    Files.writeString(project.resolve("main.go"), """
        package main

        import "example.com/gocgo/words"

        func main() { println(words.Reverse("ok")) }
        """);
    Files.writeString(project.resolve("crosskit.toml"), "[project]\nbuild = \"go\"\n");
    JsonNode t = target(run(host, project, "linux/s390x"), "s390x-linux-gnu");
    assertThat(status(t, "provision")).isEqualTo("PASSED");
    assertThat(t.path("toolchain").asText()).isEqualTo("no C toolchain");
    assertThat(status(t, "build")).isEqualTo("PASSED");
    assertThat(status(t, "verify")).isEqualTo("PASSED");
    assertThat(status(t, "canary")).isEqualTo("SKIPPED");
    assertThat(status(t, "test")).isEqualTo("FAILED");
    assertThat(tests(t, "passed")).isEqualTo(4);
    assertThat(tests(t, "failed")).isEqualTo(1);
    assertThat(t.path("tests").toString()).contains("example.com/gocgo/words.TestDeliberatelyFails");
    assertThat(t.path("artifacts").get(0).path("identity").asText()).startsWith("s390x ELF 64-bit static");
  }

  /** No network: a module that is not vendored fails the build at once with Go's own reason. */
  @Test
  void missingModuleFailsFastWithAClearReason(@TempDir Path project) throws IOException {
    Files.writeString(project.resolve("go.mod"), "module example.com/needsnet\n\ngo 1.19\n\nrequire example.org/absent v1.2.3\n");
    Files.writeString(project.resolve("main.go"), "package main\n\nimport \"example.org/absent\"\n\nfunc main() { absent.Do() }\n");
    // go.sum lists the module, so Go really tries to fetch it (instead of asking for 'go get')
    Files.writeString(project.resolve("go.sum"), """
        example.org/absent v1.2.3 h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
        example.org/absent v1.2.3/go.mod h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
        """);
    long start = System.nanoTime();
    JsonNode t = target(run(project, "linux/arm64"), "aarch64-linux-gnu");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(60);
    assertThat(status(t, "build")).isEqualTo("FAILED");
    String tail = t.path("steps").toString();
    assertThat(tail).contains("example.org/absent").contains("GOPROXY=off");
  }
}
