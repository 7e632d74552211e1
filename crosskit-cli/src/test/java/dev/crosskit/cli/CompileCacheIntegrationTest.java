package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.HostTools;
import dev.crosskit.build.SourceTree;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile cache for real: Debian's ccache in front of real cross compilers, in a crosskit
 * cache of the test's own (so the counts start from an empty cache). A cold build fills it;
 * after {@code rm -rf target/} the rebuild takes every object from it and gives byte-identical
 * artifacts; another target compiling the same sources gets nothing of them.
 */
@Tag("integration")
class CompileCacheIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private Host host() {
    return new Host(dir.resolve("home"), Path.of(System.getProperty("user.home")), new ProcessRunner(),
        HostTools.system(), Binfmt.system(), line -> { });
  }

  private Path project(String example) throws IOException {
    Path p = dir.resolve(example);
    new SourceTree(example(example)).copyTo(p);
    return p;
  }

  /** {@code crosskit build} into the project's own target/crosskit; report.json. */
  private JsonNode build(Path project, String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("build", "-C", project.toString(), "--jobs", "2"));
    argv.addAll(List.of(args));
    CliRunner r = CliRunner.run(host(), argv.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    return JSON.readTree(project.resolve("target/crosskit/report.json").toFile());
  }

  private static long hits(JsonNode report, String t) {
    return target(report, t).path("compileCache").path("hits").asLong(-1);
  }

  private static long misses(JsonNode report, String t) {
    return target(report, t).path("compileCache").path("misses").asLong(-1);
  }

  private static Map<String, String> artifacts(JsonNode report) {
    Map<String, String> sums = new TreeMap<>();
    for (JsonNode t : report.path("targets")) {
      for (JsonNode a : t.path("artifacts")) {
        sums.put(a.path("path").asText(), a.path("sha256").asText());
      }
    }
    return sums;
  }

  @Test
  void aRebuildAfterRemovingTargetTakesEveryObjectFromTheCacheAndAnotherTargetNone() throws IOException {
    Path project = project("c-cmake");
    JsonNode cold = build(project, "--target", "aarch64-linux-gnu", "--target", "riscv64-linux-gnu");
    long compiled = misses(cold, "aarch64-linux-gnu");
    assertThat(compiled).isPositive();
    assertThat(misses(cold, "riscv64-linux-gnu")).isEqualTo(compiled);
    assertThat(hits(cold, "aarch64-linux-gnu")).isZero();
    assertThat(hits(cold, "riscv64-linux-gnu")).isZero();
    assertThat(Files.readString(project.resolve("target/crosskit/aarch64-linux-gnu/logs/compile-cache.log")))
        .contains("cache_miss");

    Deletion.tree(project.resolve("target"));
    JsonNode warm = build(project, "--target", "aarch64-linux-gnu", "--target", "riscv64-linux-gnu");
    for (String t : List.of("aarch64-linux-gnu", "riscv64-linux-gnu")) {
      assertThat(hits(warm, t)).as(t).isEqualTo(compiled);
      assertThat(misses(warm, t)).as(t).isZero();
      assertThat(status(target(warm, t), "verify")).isEqualTo("PASSED");
    }
    assertThat(artifacts(warm)).isEqualTo(artifacts(cold)).hasSize(2);

    // The same sources for a third target, with the cache holding two targets' objects: all compiled anew.
    JsonNode other = build(project, "--target", "armv7-linux-gnueabihf");
    assertThat(hits(other, "armv7-linux-gnueabihf")).isZero();
    assertThat(misses(other, "armv7-linux-gnueabihf")).isEqualTo(compiled);
    assertThat(status(target(other, "armv7-linux-gnueabihf"), "verify")).isEqualTo("PASSED");
    assertThat(target(other, "armv7-linux-gnueabihf").path("artifacts").get(0).path("identity").asText()).startsWith("armv7");

    CliRunner stats = CliRunner.run(host(), "cache", "stats", "--json");
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    JsonNode totals = JSON.readTree(stats.out());
    assertThat(totals.path("hits").asLong()).isEqualTo(2 * compiled);
    assertThat(totals.path("misses").asLong()).isEqualTo(3 * compiled);
    assertThat(totals.path("files").asLong()).isPositive();
    assertThat(totals.path("dir").asText()).isEqualTo(dir.resolve("home/ccache").toString());
  }

  @Test
  void mesonAndMakeBuildsUseItTooAndCheckReproducibleCompilesItsSecondBuildWithoutIt() throws IOException {
    Path meson = project("c-meson");
    long compiled = misses(build(meson, "--target", "aarch64-linux-gnu"), "aarch64-linux-gnu");
    assertThat(compiled).isPositive();
    Deletion.tree(meson.resolve("target"));
    JsonNode checked = build(meson, "--target", "aarch64-linux-gnu", "--check-reproducible");
    // the first build's objects all came from the cache; the second build's are not counted: it compiled them
    assertThat(hits(checked, "aarch64-linux-gnu")).isEqualTo(compiled);
    assertThat(misses(checked, "aarch64-linux-gnu")).isZero();
    assertThat(status(target(checked, "aarch64-linux-gnu"), "reproducible")).isEqualTo("PASSED");

    Path make = project("c-make");
    assertThat(misses(build(make, "--target", "riscv64-linux-gnu"), "riscv64-linux-gnu")).isPositive();
    Deletion.tree(make.resolve("target"));
    assertThat(hits(build(make, "--target", "riscv64-linux-gnu"), "riscv64-linux-gnu")).isPositive();

    Deletion.tree(make.resolve("target"));
    JsonNode off = build(make, "--target", "riscv64-linux-gnu", "--no-cache");
    assertThat(target(off, "riscv64-linux-gnu").has("compileCache")).isFalse();
    assertThat(status(target(off, "riscv64-linux-gnu"), "build")).isEqualTo("PASSED");

    CliRunner clean = CliRunner.run(host(), "cache", "clean");
    assertThat(clean.exitCode()).as(clean.err()).isZero();
    JsonNode totals = JSON.readTree(CliRunner.run(host(), "cache", "stats", "--json").out());
    assertThat(totals.path("files").asLong()).isZero();
    assertThat(totals.path("hits").asLong()).isZero();
  }
}
