package dev.crosskit.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  private static final TargetLock ARM = new TargetLock(Map.of("gcc-aarch64-linux-gnu", "4:12.2.0-3", "ccache", "4.7.5-1"),
      Map.of("libc6", "2.36-9"), Map.of());

  @Test
  void writtenAndReadBackAndTheSameFactsGiveTheSameFingerprint(@TempDir Path dir) throws Exception {
    LockFile lock = new LockFile(LockFile.VERSION, Map.of("aarch64-linux-gnu", ARM));
    lock.write(dir);
    LockFile read = LockFile.read(dir);
    assertThat(read).isEqualTo(lock);
    assertThat(read.targets().get("aarch64-linux-gnu").fingerprint()).isEqualTo(ARM.fingerprint()).startsWith("sha256:");
    TargetLock newer = new TargetLock(Map.of("gcc-aarch64-linux-gnu", "4:12.2.0-4", "ccache", "4.7.5-1"),
        Map.of("libc6", "2.36-9"), Map.of());
    assertThat(newer.fingerprint()).isNotEqualTo(ARM.fingerprint());
    read.check(Map.of("aarch64-linux-gnu", ARM)); // no drift
    assertThatThrownBy(() -> read.check(Map.of("aarch64-linux-gnu", newer))).isInstanceOf(FailedException.class)
        .hasMessageContaining("aarch64-linux-gnu gcc-aarch64-linux-gnu locked 4:12.2.0-3, found 4:12.2.0-4")
        .hasMessageNotContaining("ccache");
    // a sysroot of other packages (or none yet, on a fresh runner) is no drift: it is made again of the locked ones
    TargetLock otherSysroot = new TargetLock(ARM.packages(), Map.of("libc6", "2.36-10", "zlib1g", "1:1.2.13"), Map.of());
    read.check(Map.of("aarch64-linux-gnu", otherSysroot));
    read.check(Map.of("aarch64-linux-gnu", new TargetLock(ARM.packages(), Map.of(), Map.of())));
    assertThat(read.sysrootPins().get("aarch64-linux-gnu").specs()).containsExactly("libc6=2.36-9");
    assertThatThrownBy(() -> read.check(Map.of("riscv64-linux-gnu", ARM))).hasMessageContaining("riscv64-linux-gnu: not in crosskit.lock");
  }

  @Test
  void sysrootHashesAndRecipesAreFactsLikeVersions(@TempDir Path dir) throws Exception {
    String hash = "a".repeat(64);
    String other = "b".repeat(64);
    TargetLock musl = new TargetLock(Map.of(), Map.of("musl-dev", "1.2.3-1"), Map.of(), Map.of("musl-dev", hash),
        Map.of("musl", "debian bookworm recipe sha256:0123456789abcdef"));
    LockFile lock = new LockFile(LockFile.VERSION, Map.of("aarch64-linux-musl", musl));
    lock.write(dir);
    assertThat(java.nio.file.Files.readString(dir.resolve(LockFile.NAME))).contains("\"sysrootSha256\"", hash, "\"recipes\"");
    LockFile read = LockFile.read(dir);
    assertThat(read).isEqualTo(lock);
    read.check(Map.of("aarch64-linux-musl", musl));
    TargetLock rebuilt = new TargetLock(Map.of(), musl.sysroot(), Map.of(), Map.of("musl-dev", other), musl.recipes());
    assertThat(rebuilt.fingerprint()).isNotEqualTo(musl.fingerprint());
    assertThat(read.sysrootPins().get("aarch64-linux-musl").sha256()).containsEntry("musl-dev", hash);
    TargetLock newRecipe = new TargetLock(Map.of(), musl.sysroot(), Map.of(), musl.sysrootSha256(),
        Map.of("musl", "debian bookworm recipe sha256:fedcba9876543210"));
    assertThatThrownBy(() -> read.check(Map.of("aarch64-linux-musl", newRecipe)))
        .hasMessageContaining("aarch64-linux-musl recipe musl locked debian bookworm recipe sha256:0123456789abcdef, "
            + "found debian bookworm recipe sha256:fedcba9876543210");
  }

  @Test
  void aMissingLockIsBadInput(@TempDir Path dir) {
    assertThatThrownBy(() -> LockFile.read(dir)).isInstanceOf(BadInputException.class).hasMessageContaining("run 'crosskit lock' first");
  }
}
