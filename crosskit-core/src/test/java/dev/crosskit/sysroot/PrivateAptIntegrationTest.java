package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private apt against Debian's real archive: a distribution whose index cannot be fetched
 * is retried, reported and survived when it is optional, and is a clear error when it is the
 * suite's main one; the host's apt state is not touched.
 */
@Tag("integration")
class PrivateAptIntegrationTest {
  @TempDir Path aptRoot;
  final List<String> messages = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void tools() {
    HostTools.require("apt-get", "apt");
  }

  @Test
  void failingOptionalIndexIsRetriedReportedAndSurvived() throws Exception {
    long hostLists = Files.getLastModifiedTime(Path.of("/var/lib/apt/lists")).toMillis();
    String foreignArchitectures = HostTools.ok("dpkg", "--print-foreign-architectures");
    DebianSuite suite = new DebianSuite("bullseye", "11", "2.31", "1.2.2", List.of("bullseye", "crosskit-no-such-dist"));
    PrivateApt apt = PrivateApt.binaries(suite, "arm64", aptRoot, HostTools.RUNNER, messages::add);
    List<String> failures = apt.update(true);
    assertThat(failures).singleElement().asString().contains("crosskit-no-such-dist", "404");
    assertThat(messages).anyMatch(m -> m.contains("attempt 3 of 3"))
        .anyMatch(m -> m.startsWith("warning: index failed for bullseye/arm64"));
    List<DebPackage> resolved = apt.resolve(List.of("zlib1g-dev"));
    assertThat(resolved).extracting(DebPackage::name).contains("zlib1g-dev", "zlib1g", "libc6");
    assertThat(resolved).allMatch(p -> p.arch().equals("arm64") || p.arch().equals("all"));
    assertThat(Files.getLastModifiedTime(Path.of("/var/lib/apt/lists")).toMillis()).isEqualTo(hostLists);
    assertThat(HostTools.ok("dpkg", "--print-foreign-architectures")).isEqualTo(foreignArchitectures);
  }

  @Test
  void failingMainIndexIsAClearError() {
    DebianSuite suite = new DebianSuite("nosuch", "0", "2.0", "1.0", List.of("crosskit-no-such-dist"));
    PrivateApt apt = PrivateApt.binaries(suite, "arm64", aptRoot, HostTools.RUNNER, messages::add);
    assertThatThrownBy(() -> apt.update(true)).isInstanceOf(FailedException.class)
        .hasMessageContaining("cannot read the Debian nosuch index for arm64")
        .hasMessageContaining("crosskit-no-such-dist");
  }

  @Test
  void unknownPackageIsTheUsersMistake() {
    PrivateApt apt = PrivateApt.binaries(DebianSuites.builtIn().suite("bullseye"), "arm64", aptRoot, HostTools.RUNNER,
        messages::add);
    apt.update(false);
    assertThatThrownBy(() -> apt.resolve(List.of("crosskit-no-such-package-dev"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Unable to locate package crosskit-no-such-package-dev");
  }
  /**
   * apt-get reads a name with '.' that no package has as a regular expression ("zlib1g.de"
   * would select zlib1g-dev); crosskit's apt takes every name exactly.
   */
  @Test
  void namesAreExactNeverRegularExpressions() {
    PrivateApt apt = PrivateApt.binaries(DebianSuites.builtIn().suite("bullseye"), "arm64", aptRoot, HostTools.RUNNER,
        messages::add);
    apt.update(false);
    assertThat(apt.resolve(List.of("zlib1g-dev"))).extracting(DebPackage::name).contains("zlib1g-dev");
    assertThatThrownBy(() -> apt.resolve(List.of("zlib1g.de"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Unable to locate package zlib1g.de");
    assertThatThrownBy(() -> apt.exact(List.of("zlib1g.dev"))).isInstanceOf(FailedException.class)
        .hasMessageContaining("zlib1g.dev");
  }
}
