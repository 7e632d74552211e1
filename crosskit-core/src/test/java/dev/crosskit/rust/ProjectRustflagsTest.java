package dev.crosskit.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's own .cargo/config.toml rustflags, which Cargo ignores once CARGO_ENCODED_RUSTFLAGS is set. */
class ProjectRustflagsTest {
  private static final String TRIPLE = "aarch64-unknown-linux-gnu";
  @TempDir Path dir;

  private Path config(Path at, String text) throws IOException {
    Files.createDirectories(at.resolve(".cargo"));
    return Files.writeString(at.resolve(".cargo/config.toml"), text);
  }

  @Test
  void targetRustflagsOfEveryFileUpTheTreeAreKeptTheDeeperLast() throws IOException {
    Path project = Files.createDirectories(dir.resolve("ws/app"));
    config(dir.resolve("ws"), "[target.aarch64-unknown-linux-gnu]\nrustflags = [\"-C\", \"target-cpu=cortex-a53\"]\n");
    config(project, "[target.aarch64-unknown-linux-gnu]\nrustflags = \"--cfg  app_flag\"\n[build]\nrustflags = [\"-Dwarnings\"]\n");
    assertThat(ProjectRustflags.of(project, TRIPLE)).containsExactly("-C", "target-cpu=cortex-a53", "--cfg", "app_flag");
  }

  @Test
  void buildRustflagsWhenNoTableForTheTarget() throws IOException {
    config(dir, "[build]\nrustflags = [\"-C\", \"debuginfo=2\"]\n[target.x86_64-unknown-linux-gnu]\nrustflags = [\"-x\"]\n");
    assertThat(ProjectRustflags.of(dir, TRIPLE)).containsExactly("-C", "debuginfo=2");
  }

  @Test
  void noConfigNoFlagsAndABrokenOneIsNamed() throws IOException {
    assertThat(ProjectRustflags.of(dir, TRIPLE)).isEmpty();
    Path bad = config(dir, "[build\n");
    assertThatThrownBy(() -> ProjectRustflags.of(dir, TRIPLE)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(bad + " is not valid TOML");
  }
}
