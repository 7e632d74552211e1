package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Oracle tools the packaging tests run; a missing one fails the test with what to install. */
final class ExternalTools {
  private static final ProcessRunner RUNNER = new ProcessRunner();

  private ExternalTools() {}

  static void require(String program, String debianPackage) {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, program));
    }
    assertThat(found).as(program + " is missing: apt-get install " + debianPackage + " (listed in bin/test-packages.txt)")
        .isTrue();
  }

  /** Runs argv with a timeout and asserts it succeeded; returns stdout. */
  static String ok(List<String> argv) {
    Result r = RUNNER.capture(Command.of(argv).withTimeout(Duration.ofMinutes(2)));
    assertThat(r.ok()).as(String.join(" ", argv) + " failed: " + r.output() + r.error()).isTrue();
    return r.output();
  }

  static String ok(String... argv) {
    return ok(List.of(argv));
  }
}
