package dev.crosskit.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.HostTools;
import dev.crosskit.exec.ProcessTree;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.ToolchainData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnersTest {
  @Test
  void qemuForDynamicProgramsSetsBothTheSysrootAndTheLibraryPath() {
    QemuRunner q = new QemuRunner(Path.of("/usr/bin/qemu-aarch64-static"), Path.of("/usr/aarch64-linux-gnu"));
    // -L alone falls into the multiarch ld.so trap (host-facts.md): -E LD_LIBRARY_PATH must follow.
    assertThat(q.prefix()).containsExactly("/usr/bin/qemu-aarch64-static", "-L", "/usr/aarch64-linux-gnu",
        "-E", "LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib");
    assertThat(q.emulated()).isTrue();
    assertThat(q.standaloneArgv()).isEqualTo(q.prefix());
  }

  @Test
  void wineCarriesItsEnvironmentInTheStandaloneArgv() {
    WineRunner w = new WineRunner(Path.of("/usr/lib/wine/wine64"), Path.of("/cache/wine-prefix"),
        List.of(Path.of("/a"), Path.of("/b")));
    assertThat(w.env()).containsEntry("WINEPREFIX", "/cache/wine-prefix").containsEntry("WINEDEBUG", "-all")
        .containsEntry("WINEPATH", "/a;/b");
    assertThat(w.standaloneArgv()).startsWith("/usr/bin/env").endsWith("/usr/lib/wine/wine64")
        .contains("WINEPATH=/a;/b");
  }

  @Test
  void wineServerAndServicesMayOutliveACommandButNotAProgramOfTheProject() {
    assertThat(WineRunner.isHelper(new ProcessTree.Proc(1, "/usr/lib/wine/wineserver64", List.of("/usr/lib/wine/wineserver64", "-p0"))))
        .isTrue();
    assertThat(WineRunner.isHelper(new ProcessTree.Proc(2, "/usr/lib/wine/wine64",
        List.of("C:\\windows\\system32\\services.exe")))).isTrue();
    assertThat(WineRunner.isHelper(new ProcessTree.Proc(3, "/usr/lib/wine/wine64", List.of("Z:\\build\\daemon.exe"))))
        .isFalse();
    assertThat(WineRunner.isHelper(new ProcessTree.Proc(4, "/usr/bin/sleep", List.of("sleep", "300")))).isFalse();
  }

  @Test
  void choosesTheRunnerKindFromTheDataAndChecksTheEmulatorExists(@TempDir Path bin) throws Exception {
    TargetResolver targets = TargetResolver.builtIn();
    Runners none = new Runners(ToolchainData.builtIn(), new HostTools(List.of(bin)), bin);
    assertThat(none.find(targets.target("x86_64-linux-gnu"), null)).containsInstanceOf(NativeRunner.class);
    assertThat(none.find(targets.target("aarch64-linux-gnu"), null)).isEmpty();
    assertThat(none.gap(targets.target("aarch64-linux-gnu")).orElseThrow().packages()).containsExactly("qemu-user-static");
    assertThat(none.gap(targets.target("x86_64-macos"))).isPresent();
    assertThat(none.binfmtHandler(targets.target("armv7-linux-gnueabihf"))).contains("qemu-arm");

    Path qemu = Files.createFile(bin.resolve("qemu-riscv64-static"));
    qemu.toFile().setExecutable(true);
    Runners some = new Runners(ToolchainData.builtIn(), new HostTools(List.of(bin)), bin);
    Runner r = some.find(targets.target("riscv64-linux-gnu"), null).orElseThrow();
    assertThat(r.name()).isEqualTo("qemu-user");
    assertThat(r.prefix()).containsExactly(qemu.toString());
  }

  @Test
  void armv6RunsOnTheArm1176AndAProvidedSysrootBringsItsOwnOptions(@TempDir Path bin) throws Exception {
    Files.createFile(bin.resolve("qemu-arm-static")).toFile().setExecutable(true);
    Files.createFile(bin.resolve("qemu-aarch64-static")).toFile().setExecutable(true);
    Runners runners = new Runners(ToolchainData.builtIn(), new HostTools(List.of(bin)), bin);
    TargetResolver targets = TargetResolver.builtIn();
    // QEMU's default ARM CPU runs ARMv7 code a Pi Zero faults on
    assertThat(runners.find(targets.target("armv6-linux-musleabihf"), null).orElseThrow().prefix())
        .containsExactly(bin.resolve("qemu-arm-static").toString(), "-cpu", "arm1176");
    assertThat(runners.find(targets.target("armv7-linux-musleabihf"), null).orElseThrow().prefix())
        .containsExactly(bin.resolve("qemu-arm-static").toString());

    Path root = Path.of("/cache/sysroots/aarch64-linux-gnu-bullseye");
    List<String> options = List.of("-L", root.toString(), "-E", "LD_LIBRARY_PATH=" + root + "/lib/aarch64-linux-gnu");
    var target = targets.target("aarch64-linux-gnu");
    var tc = new dev.crosskit.toolchain.Toolchain(target, "gcc-cross", Path.of("/usr/bin/aarch64-linux-gnu-gcc"), null,
        null, null, null, root, List.of(), List.of(), List.of(),
        new dev.crosskit.toolchain.ProvidedSysroot(root, List.of(), List.of(), true, null, null, null, options));
    List<String> expected = new java.util.ArrayList<>(List.of(bin.resolve("qemu-aarch64-static").toString()));
    expected.addAll(options);
    assertThat(runners.find(target, tc).orElseThrow().prefix()).isEqualTo(expected);
  }

  @Test
  void wineRunnerCreatesTheCacheDirectoryWineNeedsForItsPrefix(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createFile(bin.resolve("wine64")).toFile().setExecutable(true);
    Path home = dir.resolve("fresh/crosskit-home");
    Runners runners = new Runners(ToolchainData.builtIn(), new HostTools(List.of(bin)), home);
    Runner wine = runners.find(TargetResolver.builtIn().target("x86_64-windows-gnu"), null).orElseThrow();
    assertThat(wine.env()).containsEntry("WINEPREFIX", home.resolve("wine-prefix").toString());
    assertThat(home).isDirectory(); // wine refuses to create a prefix whose parent is missing
  }

  @Test
  void binfmtReadsRegistrationsFromTheGivenDirectory(@TempDir Path dir) throws Exception {
    Binfmt b = new Binfmt(dir);
    assertThat(b.mounted()).isFalse();
    Files.writeString(dir.resolve("status"), "enabled\n");
    Files.writeString(dir.resolve("qemu-aarch64"), "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n");
    Files.writeString(dir.resolve("qemu-arm"), "disabled\n");
    assertThat(b.mounted()).isTrue();
    assertThat(b.enabled("qemu-aarch64")).isTrue();
    assertThat(b.enabled("qemu-arm")).isFalse();
    assertThat(b.enabled("qemu-riscv64")).isFalse();
  }
}
