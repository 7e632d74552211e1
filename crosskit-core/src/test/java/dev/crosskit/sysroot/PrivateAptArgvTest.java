package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.DebianPackageName;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosskit hands apt-get, without running it: package names come after {@code --}, so none
 * can become an option, and apt takes them as exact names (no regular expressions or globs).
 */
class PrivateAptArgvTest {
  @TempDir Path aptRoot;

  PrivateApt apt() {
    // no process runner: a name that got as far as running apt would fail the test with an NPE
    return PrivateApt.binaries(DebianSuites.builtIn().defaultSuite(), "arm64", aptRoot, null, m -> {});
  }

  @Test
  void packageNamesFollowTheEndOfOptions() {
    List<String> argv = apt().argv(List.of("-s", "install"), List.of("zlib1g-dev", "libssl-dev"));
    int end = argv.indexOf("--");
    assertThat(end).isPositive();
    assertThat(argv.subList(end + 1, argv.size())).containsExactly("zlib1g-dev", "libssl-dev");
    assertThat(argv.subList(0, end)).contains("-s", "install").doesNotContain("zlib1g-dev");
  }

  @Test
  void aptTakesNamesExactlyNotAsRegularExpressions() {
    List<String> argv = apt().argv(List.of("download"), List.of("zlib1g-dev=1:1.2.13.dfsg-1"));
    // apt-get falls back to a regular expression for a name with '.' or '+' that no package has
    assertThat(String.join(" ", argv)).contains("-o APT::Cmd::Pattern-Only=true");
  }

  @Test
  void optionsAndPatternsAreRefusedBeforeAptRuns() {
    for (String bad : List.of("-oAPT::Get::AllowUnauthenticated=true", "--allow-unauthenticated", "lib*-dev",
        "?exact-name(zlib1g-dev)", "zlib1g-dev ", "", "ZLIB", "a")) {
      assertThatThrownBy(() -> apt().resolve(List.of("zlib1g-dev", bad))).as(bad)
          .isInstanceOf(BadInputException.class).hasMessageContaining("is not a Debian package name");
      assertThatThrownBy(() -> apt().exact(List.of(bad))).as(bad)
          .isInstanceOf(BadInputException.class).hasMessageContaining("is not a Debian package name");
    }
  }

  /** The Rust std is fetched pinned to the installed compiler's version: such a spec passes, a mangled one does not. */
  @Test
  void aPinnedVersionPassesTheCheckAndAMangledOneIsRefused() {
    for (String good : List.of("libstd-rust-web-dev=1.96.0+dfsg1-1~deb12u2", "zlib1g-dev=1:1.2.13.dfsg-1")) {
      assertThat(DebianPackageName.checkSpec(good)).isEqualTo(good);
    }
    for (String bad : List.of("zlib1g-dev=", "zlib1g-dev=-oAPT::Get::AllowUnauthenticated=true", "zlib1g-dev=1 2",
        "zlib1g-dev=1.*", "-o=1.0", "=1.0")) {
      assertThatThrownBy(() -> apt().exact(List.of(bad))).as(bad).isInstanceOf(BadInputException.class)
          .hasMessageContaining("is not a Debian package");
    }
  }
}
