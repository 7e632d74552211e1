package dev.crosskit.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 10,000 crosskit.toml files of {@link ConfigFuzz}: accepted and planned, or refused as bad input. */
@Tag("integration")
class ConfigFuzzIntegrationTest {
  @TempDir Path project;
  @TempDir Path empty;

  @Test
  void tenThousandConfigurationsAreAcceptedOrRefusedAsBadInput() {
    assertTimeoutPreemptively(Duration.ofMinutes(10), () -> new ConfigFuzz(project, empty).run(10_000));
  }
}
