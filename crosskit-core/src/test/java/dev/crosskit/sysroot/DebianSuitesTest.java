package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.UserException;
import dev.crosskit.exec.ProcessRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DebianSuitesTest {
  final DebianSuites suites = DebianSuites.builtIn();

  @Test
  void glibcFloorPicksTheNewestSuiteNotNewerThanIt() {
    assertThat(suites.forGlibcFloor("2.31").name()).isEqualTo("bullseye");
    assertThat(suites.forGlibcFloor("2.35").name()).isEqualTo("bullseye");
    assertThat(suites.forGlibcFloor("2.36").name()).isEqualTo("bookworm");
    assertThat(suites.forGlibcFloor("2.40").name()).isEqualTo("bookworm");
    assertThatThrownBy(() -> suites.forGlibcFloor("2.28")).isInstanceOf(UserException.class)
        .hasMessageContaining("2.31 (bullseye)");
    assertThatThrownBy(() -> suites.forGlibcFloor("two")).isInstanceOf(UserException.class);
  }

  @Test
  void suitesCarryTheirGlibc() {
    assertThat(suites.suite("bullseye").glibc()).isEqualTo("2.31");
    assertThat(suites.suite("bookworm").glibc()).isEqualTo("2.36");
    assertThat(suites.defaultSuite().name()).isEqualTo("bookworm");
    assertThatThrownBy(() -> suites.suite("buster")).isInstanceOf(UserException.class).hasMessageContaining("bookworm, bullseye");
    assertThat(DebianSuites.compareVersions("2.9", "2.31")).isNegative();
  }

  @Test
  void privateAptUsesOnlyItsOwnDirectoryAndTheArchiveKeyring() {
    PrivateApt apt = PrivateApt.binaries(suites.suite("bullseye"), "arm64", Path.of("/c/apt"), new ProcessRunner(), m -> {});
    assertThat(apt.sourcesList()).contains(
        "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bullseye main\n",
        "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bullseye-updates main\n");
    assertThat(String.join(" ", apt.options())).contains(
        "Dir::Etc::SourceList=/c/apt/bullseye-arm64/sources.list", "Dir::Etc::SourceParts=/dev/null",
        "Dir::State::Lists=/c/apt/bullseye-arm64/lists", "Dir::State::status=/c/apt/bullseye-arm64/status",
        "Dir::Cache=/c/apt/bullseye-arm64/cache", "APT::Architecture=arm64", "APT::Architectures=arm64",
        "Debug::NoLocking=1");
    assertThat(PrivateApt.sources(suites.suite("bookworm"), Path.of("/c/apt"), new ProcessRunner(), m -> {}).sourcesList())
        .contains("deb-src [signed-by=");
  }
}
