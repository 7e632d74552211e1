package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crosskit.base.Json;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go with cgo, cross-built with nothing but the variables of {@code crosskit env}, run under QEMU. */
@Tag("integration")
class GoCrossBuildTest {
  @Test
  void cgoProgramBuildsFromEnvAndRunsUnderQemu(@TempDir Path work) throws Exception {
    for (String f : List.of("main.go", "go.mod")) {
      try (InputStream in = GoCrossBuildTest.class.getResourceAsStream("/gocgo/" + f)) {
        Files.copy(in, work.resolve(f));
      }
    }
    CliRunner env = CrossBuildAndRunTest.crosskit("env", "aarch64-linux-gnu", "--format", "json");
    assertThat(env.exitCode()).as(env.err()).isZero();
    Map<String, String> vars = Json.mapper().readValue(env.out(), new TypeReference<Map<String, String>>() {});
    assertThat(vars).containsEntry("GOOS", "linux").containsEntry("GOARCH", "arm64").containsEntry("CGO_ENABLED", "1");

    Result build = new ProcessRunner().capture(Command.of("go", "build", "-o", "hello", ".")
        .withEnv(vars).withCwd(work).withTimeout(Duration.ofMinutes(4)));
    assertThat(build.exitCode()).as("go build failed (apt-get install golang-go?):\n" + build.tail(30)).isZero();

    CliRunner run = CrossBuildAndRunTest.crosskit("run", "--target", "aarch64-linux-gnu",
        "--timeout", "60", "--", work.resolve("hello").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
    assertThat(run.out().strip()).isEqualTo("go linux/arm64 total=80000 cgo=42");
  }
}
