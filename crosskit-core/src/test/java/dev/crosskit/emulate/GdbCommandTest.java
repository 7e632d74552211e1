package dev.crosskit.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.Command;
import dev.crosskit.target.Boards;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GdbCommandTest {
  private static final TargetResolver TARGETS = TargetResolver.builtIn();

  @Test
  void aDynamicUserModeProgramGetsTheSysrootAndItsLibraryDirectoriesBeforeItsFile() {
    QemuRunner q = new QemuRunner(Path.of("/usr/bin/qemu-aarch64-static"), Path.of("/usr/aarch64-linux-gnu"));
    GdbCommand g = new GdbCommand(Path.of("/usr/bin/gdb-multiarch"), Path.of("/w/hello"),
        TARGETS.target("aarch64-linux-gnu"), q, 1234);
    assertThat(g.attach()).containsExactly("set sysroot /usr/aarch64-linux-gnu",
        "set solib-search-path /usr/aarch64-linux-gnu/lib", "file /w/hello", "set architecture aarch64",
        "target remote 127.0.0.1:1234");
    // a provided sysroot's own library directories (QEMU's -E LD_LIBRARY_PATH) are gdb's too
    QemuRunner musl = new QemuRunner(Path.of("qemu-arm-static"), Path.of("/s"),
        QemuRunner.sysrootOptions(Path.of("/s"), List.of("lib", "usr/lib")));
    assertThat(new GdbCommand(Path.of("gdb"), Path.of("/p"), TARGETS.target("armv7-linux-musleabihf"), musl, 1).attach())
        .contains("set solib-search-path /s/lib:/s/usr/lib");
  }

  @Test
  void batchModeRunsTheCommandsAfterAttachingAndReadsNoGdbinit() {
    SystemQemuRunner s = new SystemQemuRunner(Path.of("qemu-system-riscv64"),
        Boards.builtIn().byName("virt").orElseThrow(), Path.of("/cache"));
    GdbCommand g = new GdbCommand(Path.of("gdb-multiarch"), Path.of("/w/p.elf"), TARGETS.target("riscv64-none-elf"), s, 9);
    Command batch = g.batch(List.of("break main", "continue"), Duration.ofSeconds(60));
    assertThat(batch.argv()).startsWith("gdb-multiarch", "-nx", "-q", "-batch")
        .doesNotContain("set sysroot /usr/riscv64-linux-gnu")
        .containsSequence("-ex", "set architecture riscv:rv64", "-ex", "target remote 127.0.0.1:9",
            "-ex", "break main", "-ex", "continue");
    assertThat(batch.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(g.interactive(Duration.ofHours(1)).argv()).doesNotContain("-batch", "-nx")
        .endsWith("-ex", "target remote 127.0.0.1:9");
  }

  @Test
  void pathsWithSpacesOrQuotesAreQuotedForGdb() {
    assertThat(GdbCommand.quoted("/w/p.elf")).isEqualTo("/w/p.elf");
    assertThat(GdbCommand.quoted("/my work/p \"1\".elf")).isEqualTo("\"/my work/p \\\"1\\\".elf\"");
  }
}
