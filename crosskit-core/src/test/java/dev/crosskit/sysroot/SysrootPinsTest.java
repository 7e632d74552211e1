package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.FailedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysrootPinsTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final SysrootPins PINS = new SysrootPins(Map.of("musl", "1.2.3-1", "musl-dev", "1.2.3-1"),
      Map.of("musl", A, "musl-dev", B));

  private static Sysroot sysroot(List<String> installed, Map<String, String> sha256) {
    return new Sysroot("aarch64-linux-musl", "bookworm", "musl", "arm64", "aarch64-linux-musl", "/c/s", List.of(),
        installed, null, "1.2.3", "debian", "2026-01-01T00:00:00Z", sha256);
  }

  @Test
  void lockedPackagesAreAskedForAsNameEqualsVersion() {
    assertThat(PINS.spec("musl-dev")).isEqualTo("musl-dev=1.2.3-1");
    assertThat(PINS.spec("libc6")).isEqualTo("libc6"); // not locked: as it is
    assertThat(PINS.specs()).containsExactly("musl=1.2.3-1", "musl-dev=1.2.3-1");
    assertThat(new SysrootPins(null, null).isEmpty()).isTrue();
  }

  @Test
  void aSysrootMatchesOnlyWithTheLockedVersionsAndHashes() {
    assertThat(PINS.matches(sysroot(List.of("musl=1.2.3-1", "musl-dev=1.2.3-1"), Map.of("musl", A, "musl-dev", B)))).isTrue();
    assertThat(PINS.matches(sysroot(List.of("musl=1.2.3-2", "musl-dev=1.2.3-1"), Map.of("musl", A, "musl-dev", B)))).isFalse();
    assertThat(PINS.matches(sysroot(List.of("musl=1.2.3-1", "musl-dev=1.2.3-1"), Map.of("musl", A, "musl-dev", A)))).isFalse();
    assertThat(PINS.matches(sysroot(List.of("musl=1.2.3-1", "musl-dev=1.2.3-1"), Map.of()))).isFalse();
  }

  @Test
  void packagesTheLockDoesNotPinAreRefused() {
    PINS.requireSame("aarch64-linux-musl", List.of(new DebPackage("musl", "1.2.3-1", "arm64")));
    new SysrootPins(Map.of(), Map.of()).requireSame("t", List.of(new DebPackage("zlib1g", "1", "arm64"))); // nothing locked
    assertThatThrownBy(() -> PINS.requireSame("aarch64-linux-musl", List.of(new DebPackage("musl", "1.2.3-1", "arm64"),
        new DebPackage("zlib1g", "1:1.2.13.dfsg-1", "arm64"))))
        .isInstanceOf(FailedException.class)
        .hasMessageContaining("aarch64-linux-musl needs packages crosskit.lock does not pin: zlib1g 1:1.2.13.dfsg-1");
  }

  @Test
  void aDownloadWithAnotherHashFailsNamingPackageExpectedAndFound() {
    PINS.verify("aarch64-linux-musl", Map.of("musl", A, "musl-dev", B, "extra", A));
    assertThatThrownBy(() -> PINS.verify("aarch64-linux-musl", Map.of("musl", A, "musl-dev", A)))
        .isInstanceOf(FailedException.class)
        .hasMessageContaining("aarch64-linux-musl")
        .hasMessageContaining("musl-dev expected " + B + ", found " + A)
        .hasMessageNotContaining("musl expected");
    assertThatThrownBy(() -> PINS.verify("aarch64-linux-musl", Map.of("musl-dev", B)))
        .hasMessageContaining("musl expected " + A + ", found absent");
  }
}
