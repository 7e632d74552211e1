package dev.crosskit.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first 1,000 crosskit.toml files of {@link ConfigFuzz}: accepted and planned, or refused as bad input. */
class ConfigFuzzTest {
  @TempDir Path project;
  @TempDir Path empty;

  @Test
  void aThousandConfigurationsAreAcceptedOrRefusedAsBadInput() {
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> new ConfigFuzz(project, empty).run(1_000));
  }
}
