package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static dev.crosskit.cli.MatrixIntegrationTest.tests;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first run, as its own crosskit processes: in a copy of an example, with a crosskit
 * cache of its own that starts empty, {@code crosskit doctor} names the gaps, {@code crosskit setup}
 * (no arguments, in the project directory) closes them (packages, sysroots, each target's Rust std
 * built in one Cargo run), {@code doctor} then finds none, and {@code crosskit test} passes for a
 * musl, an armv7, a riscv64 and a Windows target, building no std of its own.
 */
@Tag("integration")
class ProjectSetupIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ProcessRunner RUNNER = new ProcessRunner();
  @TempDir Path home;
  @TempDir Path work;

  /** Runs crosskit as a separate process in {@code dir}, with this test's empty cache as CROSSKIT_HOME. */
  private Result crosskit(Path dir, Duration limit, String... args) {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    argv.addAll(List.of(args));
    return RUNNER.capture(new Command(argv, Map.of("CROSSKIT_HOME", home.toString()), dir, limit));
  }

  /** A copy of an example whose crosskit.toml names {@code targets} instead of its own. */
  private Path copy(String example, List<String> targets) throws IOException {
    Path from = example(example);
    Path to = work.resolve(example);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path rel = from.relativize(p);
        if (rel.startsWith("target")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Files.createDirectories(to.resolve(rel.toString()));
        } else {
          Files.copy(p, to.resolve(rel.toString()));
        }
      }
    }
    Path toml = to.resolve("crosskit.toml");
    String text = Files.readString(toml);
    String list = String.join(", ", targets.stream().map(t -> "\"" + t + "\"").toList());
    Files.writeString(toml, text.replaceFirst("(?s)targets = \\[.*?\\]", "targets = [" + list + "]"));
    assertThat(Files.readString(toml)).contains("targets = [" + list + "]");
    return to;
  }

  private static JsonNode check(JsonNode doctor, String target, String part) {
    for (JsonNode t : doctor.path("targets")) {
      if (t.path("target").asText().equals(target)) {
        for (JsonNode c : t.path("checks")) {
          if (c.path("part").asText().equals(part)) {
            return c;
          }
        }
      }
    }
    throw new AssertionError("no " + part + " check for " + target + " in " + doctor);
  }

  private JsonNode doctor(Path project) throws IOException {
    Result r = crosskit(project, Duration.ofMinutes(2), "doctor", "--json");
    assertThat(r.error()).doesNotContain("Exception");
    return JSON.readTree(r.output());
  }

  private JsonNode test(Path project) throws IOException {
    Result r = crosskit(project, Duration.ofMinutes(30), "test", "--jobs", "2");
    assertThat(r.error()).doesNotContain("Exception");
    assertThat(r.exitCode()).as(r.tail(40)).isZero();
    return JSON.readTree(project.resolve("target/crosskit/report.json").toFile());
  }

  private static void passed(JsonNode report, String name, int passed, int skipped) {
    JsonNode t = target(report, name);
    for (String step : List.of("build", "verify", "test")) {
      assertThat(status(t, step)).as(name + " " + step + ": " + t.path("steps")).isEqualTo("PASSED");
    }
    assertThat(tests(t, "passed")).as(name).isEqualTo(passed);
    assertThat(tests(t, "skipped")).as(name).isEqualTo(skipped);
  }

  @Test
  void rustFromAnEmptyCache() throws IOException {
    Path project = copy("rust-c", List.of("x86_64-unknown-linux-musl", "armv7-unknown-linux-gnueabihf",
        "riscv64gc-unknown-linux-gnu", "x86_64-pc-windows-gnu"));
    JsonNode before = doctor(project);
    for (String t : List.of("x86_64-linux-musl", "riscv64-linux-gnu", "x86_64-windows-gnu")) {
      JsonNode rust = check(before, t, "Rust");
      assertThat(rust.path("status").asText()).as(t + ": " + rust).isEqualTo("partial");
      assertThat(rust.path("detail").asText()).contains("by crosskit setup");
    }

    Result setup = crosskit(project, Duration.ofMinutes(45), "setup");
    assertThat(setup.exitCode()).as(setup.tail(40)).isZero();
    assertThat(setup.output()).contains("Setting up " + project, "cargo project; languages c, rust")
        .contains("in one Cargo run").contains("Rust std for x86_64-linux-musl: std built from Debian's rust-web-src")
        .contains("Rust std for riscv64-linux-gnu:", "Rust std for x86_64-windows-gnu:", "Rust std for armv7-linux-gnueabihf:");
    try (Stream<Path> std = Files.list(Files.list(home.resolve("rust/std")).findFirst().orElseThrow())) {
      assertThat(std.map(p -> p.getFileName().toString())).contains("x86_64-unknown-linux-musl-build-std",
          "riscv64gc-unknown-linux-gnu-build-std", "x86_64-pc-windows-gnu-build-std");
    }

    JsonNode after = doctor(project);
    for (String t : List.of("x86_64-linux-musl", "armv7-linux-gnueabihf", "riscv64-linux-gnu", "x86_64-windows-gnu")) {
      assertThat(check(after, t, "Rust").path("status").asText()).as(t).isEqualTo("ok");
    }
    assertThat(after.path("buildTools").toString()).contains("\"tool\":\"cargo\"");

    Map<Path, java.nio.file.attribute.FileTime> built = stdMarkers();
    JsonNode report = test(project);
    for (String t : List.of("x86_64-linux-musl", "armv7-linux-gnueabihf", "riscv64-linux-gnu", "x86_64-windows-gnu")) {
      passed(report, t, 6, 1);
    }
    assertThat(stdMarkers()).as("the test used the std setup built, and built none").isEqualTo(built);
    assertThat(target(report, "x86_64-linux-musl").path("artifacts").get(0).path("identity").asText())
        .startsWith("x86_64 ELF 64-bit static");
    assertThat(target(report, "x86_64-windows-gnu").path("runner").asText()).isEqualTo("wine");
  }

  /** Each std sysroot built into the cache, with the time it was completed. */
  private Map<Path, java.nio.file.attribute.FileTime> stdMarkers() throws IOException {
    Map<Path, java.nio.file.attribute.FileTime> markers = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(home.resolve("rust/std"), 3)) {
      for (Path p : walk.filter(f -> f.getFileName().toString().equals(".crosskit-std-complete")).toList()) {
        markers.put(p, Files.getLastModifiedTime(p));
      }
    }
    assertThat(markers).isNotEmpty();
    return markers;
  }

  @Test
  void goFromAnEmptyCache() throws IOException {
    Path project = copy("go-cgo", List.of("x86_64-linux-musl", "linux/arm/v7", "linux/riscv64", "windows/amd64"));
    Result setup = crosskit(project, Duration.ofMinutes(20), "setup");
    assertThat(setup.exitCode()).as(setup.tail(40)).isZero();
    assertThat(setup.output()).contains("go project; languages go, c").doesNotContain("FAILED");
    JsonNode report = test(project);
    for (String t : List.of("x86_64-linux-musl", "armv7-linux-gnueabihf", "riscv64-linux-gnu", "x86_64-windows-gnu")) {
      passed(report, t, 6, 0);
    }
    assertThat(target(report, "x86_64-linux-musl").path("artifacts").get(0).path("identity").asText())
        .startsWith("x86_64 ELF 64-bit static");
  }
}
