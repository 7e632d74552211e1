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
    TargetLock otherSysroot = new TargetLock(ARM.packages(), Map.of("libc6", "2.36-10", "zlib1g", "1:1.2.13"), Map.of());
    assertThatThrownBy(() -> read.check(Map.of("aarch64-linux-gnu", otherSysroot)))
        .hasMessageContaining("sysroot libc6 locked 2.36-9, found 2.36-10")
        .hasMessageContaining("sysroot zlib1g locked absent, found 1:1.2.13");
    assertThatThrownBy(() -> read.check(Map.of("riscv64-linux-gnu", ARM))).hasMessageContaining("riscv64-linux-gnu: not in crosskit.lock");
  }

  @Test
  void aMissingLockIsBadInput(@TempDir Path dir) {
    assertThatThrownBy(() -> LockFile.read(dir)).isInstanceOf(BadInputException.class).hasMessageContaining("run 'crosskit lock' first");
  }
}
