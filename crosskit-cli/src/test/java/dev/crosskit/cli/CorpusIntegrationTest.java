package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick subset of the corpus (bench/corpus): real projects fetched as Debian source packages
 * at run time, built and tested by {@code crosskit test}, each compared with the project's own
 * build for the same target (the {@code .text} of its main library within 0.95-1.05: the
 * project's optimisation kept). zlib (a hand-written configure) and libyaml (autoreconf,
 * libtool) for x86_64 and aarch64; cjson (CMake), serd (Meson) and xxhash (plain Make) for
 * x86_64. The full corpus is {@code bench/corpus/corpus.sh}.
 */
@Tag("integration")
class CorpusIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HARNESS = Path.of("..", "bench", "corpus", "corpus.sh").toAbsolutePath().normalize();

  /** Runs the harness; returns its results.tsv lines (the cells). */
  private static List<String[]> corpus(Path work, String projects, String targets) throws IOException {
    Result r = new ProcessRunner().capture(Command.of(HARNESS.toString(), "-p", projects, "-t", targets,
        "-w", work.toString(), "-o", work.resolve("RESULTS.md").toString()).withTimeout(Duration.ofMinutes(40)));
    List<String[]> cells = Files.readAllLines(work.resolve("results.tsv")).stream().map(l -> l.split("\t", -1)).toList();
    String table = Files.isRegularFile(work.resolve("RESULTS.md")) ? Files.readString(work.resolve("RESULTS.md")) : r.tail(40);
    assertThat(cells).as(table).hasSize(projects.split(",").length * targets.split(",").length);
    for (String[] c : cells) {
      String cell = c[0] + " " + c[1] + ": " + String.join(" | ", c);
      assertThat(c[2]).as(cell + "\n" + table).isEqualTo("passed");
      assertThat(Integer.parseInt(c[3])).as(cell).isPositive();
      assertThat(Integer.parseInt(c[4])).as(cell).isZero();
      assertThat(Double.parseDouble(c[8])).as(cell + " (.text ratio to the project's own build)").isBetween(0.95, 1.05);
    }
    assertThat(r.exitCode()).as(table).isZero();
    assertThat(Files.readString(work.resolve("RESULTS.md"))).contains("crosskit ", "cells passed");
    return cells;
  }

  private static JsonNode report(Path work, String project) throws IOException {
    return JSON.readTree(work.resolve("out").resolve(project).resolve("report.json").toFile());
  }

  @Test
  void autotoolsProjectsKeepTheirOptimisationAndDeliverTheirInstallTree(@TempDir Path work) throws IOException {
    corpus(work, "zlib,libyaml", "x86_64-linux-gnu,aarch64-linux-gnu");
    Path out = work.resolve("out");
    for (String t : List.of("x86_64-linux-gnu", "aarch64-linux-gnu")) {
      // autoconf's -g -O2 (libtool's compile lines) with crosskit's own flags beside it
      List<String> compiles = Files.readAllLines(out.resolve("libyaml/" + t + "/logs/build.log")).stream()
          .filter(l -> l.startsWith("libtool: compile:")).toList();
      assertThat(compiles).as(t).isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains(" -g -O2", "-ffile-prefix-map="));
      // the libtool library comes from the install tree (not .libs/), its links kept as links
      Path lib = out.resolve("libyaml/" + t + "/artifacts/lib");
      assertThat(lib.resolve("libyaml-0.so.2.0.9")).isRegularFile();
      assertThat(Files.readSymbolicLink(lib.resolve("libyaml-0.so.2"))).isEqualTo(Path.of("libyaml-0.so.2.0.9"));
      assertThat(Files.readSymbolicLink(lib.resolve("libyaml.so"))).isEqualTo(Path.of("libyaml-0.so.2.0.9"));
      JsonNode libyaml = target(report(work, "libyaml"), t);
      assertThat(libyaml.path("artifacts")).isNotEmpty()
          .allSatisfy(a -> assertThat(a.path("path").asText()).startsWith(t + "/artifacts/lib/libyaml"));
      // zlib's hand-written configure: no --host (it would refuse it), its own -O3
      assertThat(Files.readString(out.resolve("zlib/" + t + "/logs/configure.log"))).doesNotContain("--host");
      assertThat(Files.readString(out.resolve("zlib/" + t + "/logs/build.log"))).contains(" -O3 ");
    }
  }

  @Test
  void cmakeMesonAndMakeProjectsMatchTheirOwnBuilds(@TempDir Path work) throws IOException {
    corpus(work, "cjson,serd,xxhash", "x86_64-linux-gnu");
    // the project's own build type (cjson has none), not crosskit's: no -O and no -DNDEBUG forced on it
    assertThat(Files.readString(work.resolve("out/cjson/x86_64-linux-gnu/logs/configure.log")))
        .doesNotContain("CMAKE_BUILD_TYPE");
    // cjson's install rules use absolute paths: the install tree holds them, this machine's /usr/local does not
    assertThat(work.resolve("out/cjson/x86_64-linux-gnu/artifacts/lib/libcjson.so.1.7.15")).isRegularFile();
    // ctest's test programs are not deliverables
    assertThat(target(report(work, "cjson"), "x86_64-linux-gnu").path("artifacts").toString()).doesNotContain("parse_");
    // Meson's expected failures are counted as such
    assertThat(status(target(report(work, "serd"), "x86_64-linux-gnu"), "test")).isEqualTo("PASSED");
  }

  /**
   * {@code build = "make"} with {@code [build] configure}: configure runs before make (zlib's
   * Makefile says "Please use ./configure first" and exits 0 without it), then the Makefile it
   * wrote installs into the staging directory.
   */
  @Test
  void makeWithAConfigureStepRunsIt(@TempDir Path work) throws IOException {
    Path project = work.resolve("zlib");
    Path src = fetchedSource("zlib");
    Files.createDirectories(project);
    Result copy = new ProcessRunner().capture(Command.of("cp", "-a", src + "/.", project.toString())
        .withTimeout(Duration.ofMinutes(2)));
    assertThat(copy.ok()).as(copy.error()).isTrue();
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "zlib"
        build = "make"
        [build]
        configure = ["./configure"]
        """);
    Path out = work.resolve("out");
    CliRunner r = CliRunner.run("test", "-C", project.toString(), "--out", out.toString(), "-t", "aarch64-linux-gnu");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode t = target(JSON.readTree(out.resolve("report.json").toFile()), "aarch64-linux-gnu");
    assertThat(status(t, "build")).isEqualTo("PASSED");
    // the log's command line ends in the configure command (the job pool may wrap it)
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/logs/configure.log"))).containsPattern("(?m)^\\$ .*\\./configure$");
    assertThat(out.resolve("aarch64-linux-gnu/artifacts/lib/libz.so.1.2.13")).isRegularFile();
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/logs/test.log"))).contains("*** zlib test OK ***");
  }

  /** The source tree of a corpus project, fetched into crosskit's cache by the harness unless it is there. */
  private static Path fetchedSource(String project) {
    Result r = new ProcessRunner().capture(Command.of(HARNESS.toString(), "-f", "-p", project)
        .withTimeout(Duration.ofMinutes(10)));
    assertThat(r.exitCode()).as(r.tail(20)).isZero();
    Path src = Path.of(r.output().strip());
    assertThat(src).isDirectory();
    return src;
  }
}
