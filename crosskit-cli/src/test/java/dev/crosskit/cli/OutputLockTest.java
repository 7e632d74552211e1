package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs in one output directory: the second is refused (exit 2, naming the first one's pid)
 * instead of wiping the first one's build directory and overwriting its logs and report. The
 * build is a shell command that waits for the test to let it finish; the host's "gcc" is a
 * stand-in file (this build compiles nothing).
 */
class OutputLockTest {
  @TempDir Path dir;

  @Test
  void aSecondRunInTheSameOutputDirectoryIsRefusedNamingTheFirst() throws Exception {
    Host host = StandInHost.in(dir);
    Path project = Files.createDirectories(dir.resolve("project"));
    Path started = dir.resolve("started");
    Path release = dir.resolve("release");
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        build = "command"
        targets = ["x86_64-linux-gnu"]
        [build]
        command = ["sh", "-c", "touch %s; while [ ! -e %s ]; do sleep 0.1; done; cp /bin/true app"]
        timeout = "60s"
        """.formatted(started, release));
    Path out = dir.resolve("out");
    AtomicReference<CliRunner> first = new AtomicReference<>();
    Thread running = Thread.ofPlatform().start(() -> first.set(CliRunner.run(host, "build", "-C", project.toString(),
        "--out", out.toString())));
    try {
      for (int i = 0; i < 600 && !Files.exists(started); i++) {
        Thread.sleep(100);
      }
      assertThat(started).as("the first run is building").exists();

      CliRunner second = CliRunner.run(host, "build", "-C", project.toString(), "--out", out.toString());
      assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(2);
      assertThat(second.err()).isEqualTo("crosskit: another crosskit run (pid " + ProcessHandle.current().pid()
          + ", crosskit build) is using " + out + "; wait for it to finish, or give this run another --out"
          + System.lineSeparator());
    } finally {
      Files.writeString(release, "");
      running.join(120_000);
    }
    assertThat(first.get().exitCode()).as(first.get().out() + first.get().err()).isZero();
    assertThat(out.resolve("report.json")).content().contains("\"command\" : \"build\"");
    // the first run's build directory was not wiped under it
    assertThat(out.resolve("x86_64-linux-gnu/artifacts/app")).isRegularFile();
    // once it is done, the directory is free again
    assertThat(CliRunner.run(host, "build", "-C", project.toString(), "--out", out.toString(), "-q").exitCode())
        .isZero();
  }
}
