package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static dev.crosskit.cli.MatrixIntegrationTest.tests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.base.CrosskitHome;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.rust.RustStd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cargo adapter for real: Debian's rustc and cargo, the targets' C compilers as linkers and
 * for the build script's C, std from Debian's packages or built from Debian's sources (the
 * first run of a target builds it into crosskit's cache and takes minutes; later runs reuse it),
 * test binaries under QEMU and Wine, libtest's results test by test.
 */
@Tag("integration")
class RustMatrixIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> EXAMPLE_TESTS = List.of("checksum::tests::adler32_known_value",
      "checksum::tests::adler32_empty_is_one", "checksum::tests::c_agrees_with_rust_on_a_megabyte",
      "checksum::tests::c_long_matches_the_target", "checksum::tests::threads_call_c_concurrently",
      "checksum::tests::panic_unwinds_through_the_harness", "checksum::tests::ignored_example");
  @TempDir Path out;

  private JsonNode run(Path project, String... targets) throws IOException {
    assertThat(Path.of("/usr/bin/cargo")).as("apt-get install rustc-web cargo-web rust-web-src").isExecutable();
    List<String> args = new ArrayList<>(List.of("test", "-C", project.toString(), "--out", out.toString(), "--jobs", "2"));
    for (String t : targets) {
      args.add("--target");
      args.add(t);
    }
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.err()).doesNotContain("Exception");
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  private static void assertExamplePassed(JsonNode report, String name, String identity) {
    JsonNode t = target(report, name);
    for (String step : List.of("build", "verify", "test")) {
      assertThat(status(t, step)).as(name + " " + step + ": " + t.path("steps")).isEqualTo("PASSED");
    }
    List<String> names = new ArrayList<>();
    t.path("tests").forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).as(name).containsExactlyInAnyOrderElementsOf(EXAMPLE_TESTS);
    assertThat(tests(t, "passed")).as(name).isEqualTo(6);
    assertThat(tests(t, "skipped")).as(name).isEqualTo(1);
    assertThat(t.path("artifacts")).as(name).hasSize(1);
    JsonNode a = t.path("artifacts").get(0);
    assertThat(a.path("verified").asBoolean()).as(a.toString()).isTrue();
    assertThat(a.path("identity").asText()).as(name).startsWith(identity);
  }

  /*
   * x86_64 musl, armv7, riscv64 and Windows are covered from an empty cache by
   * ProjectSetupIntegrationTest (setup, then test); each std built once per bin/test is minutes.
   */

  /** Debian's std package for the target's architecture (aarch64), fetched by the build itself. */
  @Test
  void rustCExampleForAGlibcTargetNamedAsRustTriple() throws IOException {
    JsonNode report = run(example("rust-c"), "aarch64-unknown-linux-gnu");
    assertExamplePassed(report, "aarch64-linux-gnu", "aarch64 ELF 64-bit dynamic glibc");
    assertThat(target(report, "aarch64-linux-gnu").path("runner").asText()).isEqualTo("qemu-user");
    assertThat(Files.readString(out.resolve("junit.xml"))).contains("checksum::tests::threads_call_c_concurrently");
    // Debian's package is in the cache, not a std built from source in its place
    RustStd.Plan plan = new RustStd(CrosskitHome.dir(), Path.of(System.getProperty("user.home")), new ProcessRunner())
        .plan("aarch64-unknown-linux-gnu");
    assertThat(plan.route()).isEqualTo(RustStd.Route.DEBIAN);
    assertThat(plan.ready()).as(plan.describe()).isTrue();
  }

  /** musl on another arch: std built from source by the build itself, linked against crosskit's musl sysroot, fully static. */
  @Test
  void rustCExampleForMuslOnAnotherArch() throws IOException {
    JsonNode report = run(example("rust-c"), "aarch64-linux-musl");
    assertExamplePassed(report, "aarch64-linux-musl", "aarch64 ELF 64-bit static");
  }

  /** A vendored crates.io dependency is used offline; the same project without vendor/ fails at once. */
  @Test
  void vendoredDependencyBuildsAndAMissingOneFailsFast(@TempDir Path project) throws IOException {
    Files.createDirectories(project.resolve("src"));
    Files.createDirectories(project.resolve("vendor/tinydep/src"));
    Files.writeString(project.resolve("Cargo.toml"),
        "[package]\nname = \"usesdep\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ntinydep = \"1.2\"\n");
    Files.writeString(project.resolve("src/main.rs"), """
        fn main() { println!("{}", tinydep::answer()); }
        #[cfg(test)]
        mod tests {
            #[test]
            fn answer_is_42() { assert_eq!(tinydep::answer(), 42); }
            #[test]
            fn deliberately_fails() { assert_eq!(tinydep::answer(), 41, "deliberate"); }
        }
        """);
    Files.writeString(project.resolve("vendor/tinydep/Cargo.toml"),
        "[package]\nname = \"tinydep\"\nversion = \"1.2.0\"\nedition = \"2021\"\n");
    Files.writeString(project.resolve("vendor/tinydep/src/lib.rs"), "pub fn answer() -> u32 { 42 }\n");
    Files.writeString(project.resolve("vendor/tinydep/.cargo-checksum.json"), "{\"files\":{},\"package\":null}\n");
    JsonNode t = target(run(project, "aarch64-linux-gnu"), "aarch64-linux-gnu");
    assertThat(status(t, "build")).as(t.path("steps").toString()).isEqualTo("PASSED");
    assertThat(status(t, "test")).isEqualTo("FAILED");
    assertThat(tests(t, "passed")).isEqualTo(1);
    assertThat(tests(t, "failed")).isEqualTo(1);
    assertThat(t.path("tests").toString()).contains("tests::deliberately_fails");

    Deletion.tree(project.resolve("vendor"));
    Files.deleteIfExists(project.resolve("Cargo.lock"));
    long start = System.nanoTime();
    JsonNode again = target(run(project, "aarch64-linux-gnu"), "aarch64-linux-gnu");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(60);
    assertThat(status(again, "build")).isEqualTo("FAILED");
    assertThat(again.path("steps").toString()).contains("no matching package named `tinydep` found").contains("offline");
  }

  /** Deletes a directory tree (test clean-up helper). */
  private static final class Deletion {
    static void tree(Path dir) throws IOException {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
