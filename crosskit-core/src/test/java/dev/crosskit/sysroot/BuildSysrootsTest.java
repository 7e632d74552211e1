package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.UserException;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.ProvidedSysroot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which targets get a sysroot from a build's settings, and what a provided sysroot hands the tools. */
class BuildSysrootsTest {
  private static final TargetResolver T = TargetResolver.builtIn();
  @TempDir Path home;

  private BuildSysroots with(List<String> packages, String glibc) {
    return new BuildSysroots(new SysrootStore(home, new ProcessRunner(), m -> {}), new ProcessRunner(), packages, glibc);
  }

  @Test
  void glibcTargetsGetASysrootOnlyForPackagesOrAFloor() {
    assertThat(with(List.of(), null).applies(T.target("aarch64-linux-gnu"))).isFalse();
    assertThat(with(List.of(), null).sysrootFor(T.target("aarch64-linux-gnu"))).isEmpty(); // nothing made
    assertThat(with(List.of("zlib1g-dev"), null).applies(T.target("aarch64-linux-gnu"))).isTrue();
    assertThat(with(List.of(), "2.31").applies(T.target("aarch64-linux-gnu"))).isTrue();
    assertThat(with(List.of("zlib1g-dev"), "2.31").applies(T.target("x86_64-windows-gnu"))).isFalse();
    assertThat(with(List.of(), null).applies(T.target("riscv64-linux-musl"))).isTrue();
    assertThat(with(List.of(), null).applies(T.target("mips64el-linux-musl"))).isFalse(); // no recipe
  }

  @Test
  void doctorHearsWhetherAMuslTargetsCxxIsBuiltWithoutBuildingIt() throws Exception {
    SysrootStore store = new SysrootStore(home, new ProcessRunner(), m -> {});
    var p = BuildSysroots.onFirstBuild(store);
    assertThat(p.cxxNote(T.target("aarch64-linux-musl")).orElseThrow()).contains("builds on the first C++ build",
        "crosskit setup aarch64-linux-musl");
    assertThat(p.cxxNote(T.target("i686-linux-musl")).orElseThrow()).contains("not for i686-linux-musl");
    assertThat(p.cxxNote(T.target("aarch64-linux-gnu"))).isEmpty();
    Path dir = java.nio.file.Files.createDirectories(new MuslCxxToolchain(store).dir("aarch64-linux-musl"));
    java.nio.file.Files.writeString(dir.resolve(MuslCxxToolchain.BUILT), "libstdc++ gcc-12.2.0 from gcc-12 12.2.0-14, built x\n");
    // no recipe.txt: not a complete toolchain (an interrupted build), so not "built"
    assertThat(p.cxxNote(T.target("aarch64-linux-musl")).orElseThrow()).contains("builds on the first C++ build");
    java.nio.file.Files.writeString(dir.resolve(MuslCxxToolchain.RECIPE), "recipe\n");
    assertThat(p.cxxNote(T.target("aarch64-linux-musl")).orElseThrow()).startsWith("with crosskit's libstdc++ gcc-12.2.0");
    assertThat(home.resolve("sysroots")).doesNotExist();
  }

  @Test
  void debianLibrariesCannotGoIntoAMuslSysroot() {
    assertThatThrownBy(() -> with(List.of("zlib1g-dev"), null).sysrootFor(T.target("aarch64-linux-musl")))
        .isInstanceOf(UserException.class).hasMessageContaining("glibc builds");
  }

  @Test
  void targetsAndDoctorSeeMuslSysrootsAsAvailableWithoutMakingThem() {
    var p = BuildSysroots.onFirstBuild();
    assertThat(p.providesOnFirstBuild(T.target("armv6-linux-musleabihf"))).isTrue();
    assertThat(p.providesOnFirstBuild(T.target("aarch64-linux-gnu"))).isFalse();
    assertThat(p.sysrootFor(T.target("armv6-linux-musleabihf"))).isEmpty();
  }

  @Test
  void aMuslSysrootPutsTheSpecsIntoCompileAndLinkFlags() {
    Sysroot s = new Sysroot("aarch64-linux-musl", "bookworm", "musl", "arm64", "aarch64-linux-musl", "/c/s", List.of(),
        List.of(), null, "1.2.3", "debian", "2026-01-01T00:00:00Z");
    ProvidedSysroot p = BuildSysroots.musl(MuslSysroots.toolchain(T.target("aarch64-linux-musl"), s));
    assertThat(p.cflags()).containsExactly("-specs", "/c/s/musl-gcc.specs");
    assertThat(p.ldflags()).containsExactly("-specs", "/c/s/musl-gcc.specs", "-static");
    assertThat(p.env()).containsEntry("PKG_CONFIG_SYSROOT_DIR", "/c/s").containsEntry("PKG_CONFIG_ALLOW_CROSS", "1");
    assertThat(p.cmake()).containsEntry("CMAKE_SYSROOT", "/c/s");
  }
}
