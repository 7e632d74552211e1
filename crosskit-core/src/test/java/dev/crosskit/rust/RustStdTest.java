package dev.crosskit.rust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route choice per triple, against a fake rustup home and an empty crosskit cache (needs rustc-web installed). */
@Tag("integration")
class RustStdTest {
  @TempDir Path cache;
  @TempDir Path user;

  private RustStd std() {
    assertThat(Path.of("/usr/bin/rustc")).as("apt-get install rustc-web cargo-web").isExecutable();
    return new RustStd(cache, user, new ProcessRunner());
  }

  @Test
  void routesWithoutRustup() {
    RustStd std = std();
    assertThat(std.plan("x86_64-unknown-linux-gnu").route()).isEqualTo(RustStd.Route.INSTALLED);
    RustStd.Plan arm64 = std.plan("aarch64-unknown-linux-gnu");
    assertThat(arm64.route()).isEqualTo(RustStd.Route.DEBIAN);
    assertThat(arm64.debianArch()).isEqualTo("arm64");
    assertThat(arm64.ready()).isFalse();
    assertThat(arm64.sysroot().startsWith(cache.resolve("rust/std").resolve(std.compilerVersion().orElseThrow()))).isTrue();
    assertThat(std.plan("riscv64gc-unknown-linux-gnu").route()).as("bookworm has no riscv64").isEqualTo(RustStd.Route.BUILD_STD);
    assertThat(std.plan("x86_64-unknown-linux-musl").route()).isEqualTo(RustStd.Route.BUILD_STD);
    assertThat(std.plan("aarch64-unknown-linux-musl").describe()).contains("-Zbuild-std");
  }

  @Test
  void rustupWinsWhenOneOfItsToolchainsHasTheTarget() throws IOException {
    Files.createDirectories(user.resolve(".rustup/toolchains/1.90-x86_64-unknown-linux-gnu/lib/rustlib/aarch64-unknown-linux-gnu/lib"));
    Path cargo = Files.createDirectories(user.resolve(".cargo/bin")).resolve("cargo");
    Files.writeString(cargo, "");
    Files.setPosixFilePermissions(cargo, PosixFilePermissions.fromString("rwxr-xr-x"));
    RustStd.Plan p = std().plan("aarch64-unknown-linux-gnu");
    assertThat(p.route()).isEqualTo(RustStd.Route.RUSTUP);
    assertThat(p.toolchain()).isEqualTo("1.90-x86_64-unknown-linux-gnu");
    assertThat(std().plan("riscv64gc-unknown-linux-gnu").route()).isEqualTo(RustStd.Route.BUILD_STD);
  }

  @Test
  void targetFlagsWhereDebianHasNoRustCrt() {
    RustStd std = std();
    assertThat(std.targetRustflags("x86_64-unknown-linux-musl"))
        .containsExactly("-C", "link-self-contained=no", "-C", "relocation-model=static");
    assertThat(std.targetRustflags("armv7-unknown-linux-musleabihf")).contains("link-self-contained=no");
    assertThat(std.targetRustflags("x86_64-pc-windows-gnu")).containsExactly("-C", "link-self-contained=no");
    assertThat(std.targetRustflags("aarch64-unknown-linux-gnu")).isEmpty();
    assertThat(std.targetRustflags("aarch64-apple-darwin")).containsExactly("-C", "strip=none"); // no rust-objcopy in Debian
    assertThat(std.unwindFromLibgccEh("aarch64-unknown-linux-musl")).isTrue();
    assertThat(std.unwindFromLibgccEh("x86_64-pc-windows-gnu")).isFalse();
  }
}
