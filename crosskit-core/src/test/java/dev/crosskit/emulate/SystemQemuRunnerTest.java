package dev.crosskit.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.HostTools;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Boards;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.ToolchainData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemQemuRunnerTest {
  private static SystemQemuRunner runner(Path emulator, String board, Path scripts) {
    return new SystemQemuRunner(emulator, Boards.builtIn().byName(board).orElseThrow(), scripts);
  }

  @Test
  void theProgramIsTheBoardsKernelAndItsArgumentsGoThroughSemihosting(@TempDir Path dir) {
    SystemQemuRunner r = runner(Path.of("/usr/bin/qemu-system-arm"), "mps2-an386", dir);
    List<String> argv = r.wrap(Command.of("prog.elf", "one", "two,three")).argv();
    assertThat(argv).containsSequence("/usr/bin/qemu-system-arm", "-M", "mps2-an386", "-cpu", "cortex-m4")
        .containsSequence("-chardev", "stdio,id=semihost")
        .endsWith("-semihosting-config", "enable=on,target=native,chardev=semihost,arg=one,arg=two,,three",
            "-kernel", "prog.elf");
    // without arguments an empty one, or QEMU would hand the program its own file name
    assertThat(r.wrap(Command.of("prog.elf")).argv()).contains("enable=on,target=native,chardev=semihost,arg=");
    assertThat(r.takesInput()).isFalse();
    assertThat(r.emulated()).isTrue();
  }

  @Test
  void riscvBoardsStartWithoutFirmwareAndMachinesWithOneCpuGetNoCpuOption(@TempDir Path dir) {
    assertThat(runner(Path.of("qemu-system-riscv64"), "virt", dir).prefix())
        .containsSequence("-M", "virt", "-bios", "none").doesNotContain("-cpu");
    assertThat(runner(Path.of("qemu-system-arm"), "microbit", dir).prefix()).doesNotContain("-cpu");
  }

  @Test
  void theGdbStubListensOnLoopbackAndHoldsTheCpu(@TempDir Path dir) {
    Command stub = runner(Path.of("qemu-system-arm"), "microbit", dir).withGdbStub(Command.of("p.elf"), 4321).orElseThrow();
    assertThat(stub.argv()).containsSequence("-gdb", "tcp:127.0.0.1:4321", "-S").endsWith("-kernel", "p.elf");
    QemuRunner user = new QemuRunner(Path.of("qemu-aarch64-static"), null, List.of());
    assertThat(user.withGdbStub(Command.of("./a", "x"), 4321).orElseThrow().argv())
        .containsExactly("qemu-aarch64-static", "-g", "4321", "./a", "x");
    assertThat(new NativeRunner().withGdbStub(Command.of("./a"), 1)).isEmpty();
  }

  /** The wrapper script ctest, meson, Cargo and make run, against a QEMU stand-in that prints its argv. */
  @Test
  void theWrapperScriptTurnsProgramAndArgumentsIntoQemuOptions(@TempDir Path dir) throws Exception {
    Path fakeQemu = dir.resolve("qemu-system-arm");
    Files.writeString(fakeQemu, "#!/bin/sh\nfor a do printf '[%s]\\n' \"$a\"; done\nexit 7\n");
    fakeQemu.toFile().setExecutable(true);
    SystemQemuRunner r = runner(fakeQemu, "mps2-an386", dir.resolve("runners"));
    List<String> argv = new ArrayList<>(r.standaloneArgv());
    Path script = Path.of(argv.get(0));
    assertThat(script.getParent()).isEqualTo(dir.resolve("runners"));
    assertThat(Files.isExecutable(script)).isTrue();
    assertThat(r.standaloneArgv()).isEqualTo(argv); // written once, under a name that carries its digest
    argv.addAll(List.of("/build/test_crc", "one", "two,three"));
    Result res = new ProcessRunner().capture(Command.of(argv).withTimeout(Duration.ofSeconds(30)));
    assertThat(res.exitCode()).as(res.error()).isEqualTo(7); // the program's (here: the stand-in's) status
    List<String> expected = new ArrayList<>(r.wrap(Command.of("/build/test_crc", "one", "two,three")).argv());
    expected.remove(0);
    assertThat(res.output().lines().toList()).containsExactlyElementsOf(expected.stream().map(a -> "[" + a + "]").toList());
    // no arguments at all
    Result none = new ProcessRunner().capture(Command.of(r.standaloneArgv()).prefixed(List.of())
        .withTimeout(Duration.ofSeconds(30)));
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.error()).contains("no program after --");
  }

  @Test
  void runnersPickTheBoardTheToolchainLinksFor(@TempDir Path bin) throws Exception {
    Path q = Files.createFile(bin.resolve("qemu-system-arm"));
    q.toFile().setExecutable(true);
    Runners runners = new Runners(ToolchainData.builtIn(), new HostTools(List.of(bin)), bin);
    var m4 = TargetResolver.builtIn().target("thumbv7em-none-eabihf");
    assertThat(runners.find(m4, null)).get().isInstanceOfSatisfying(SystemQemuRunner.class,
        s -> assertThat(s.board().name()).isEqualTo("mps2-an386"));
    assertThat(runners.kind(m4)).isEqualTo("qemu-system");
    var rv = TargetResolver.builtIn().target("riscv64-none-elf");
    assertThat(runners.gap(rv)).get().satisfies(g -> {
      assertThat(g.what()).isEqualTo("emulator qemu-system-riscv64");
      assertThat(g.packages()).containsExactly("qemu-system-misc");
    });
    assertThat(runners.binfmtHandler(m4)).isEmpty();
  }
}
