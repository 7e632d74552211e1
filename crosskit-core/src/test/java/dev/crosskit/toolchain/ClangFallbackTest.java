package dev.crosskit.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.HostTools;
import dev.crosskit.emulate.Runner;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.host.Host;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the real clang 14 and QEMU: on a host whose PATH has clang but no cross gcc driver, the
 * finder falls back to the clang family, and its flags from toolchains.json build a threaded
 * program that runs.
 */
@Tag("integration")
class ClangFallbackTest {
  @ParameterizedTest
  @ValueSource(strings = {"aarch64-linux-gnu", "riscv64-linux-gnu"})
  void clangFlagsFromTheDataBuildAWorkingProgram(String name, @TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    HostTools system = HostTools.system();
    for (String tool : List.of("clang", "clang++", "llvm-ar", "llvm-ranlib", "llvm-strip")) {
      Path real = system.which(tool).orElseThrow(() -> new AssertionError(tool + " missing: apt-get install clang llvm"));
      Files.createSymbolicLink(bin.resolve(tool), real);
    }
    Target target = TargetResolver.builtIn().target(name);
    ToolchainFinder finder = new ToolchainFinder(ToolchainData.builtIn(), new HostTools(List.of(bin)), SysrootProvider.none());
    Toolchain tc = finder.require(target);
    assertThat(tc.kind()).isEqualTo("clang");

    Path src = dir.resolve("tlsdemo.c");
    try (InputStream in = ClangFallbackTest.class.getResourceAsStream("/tlsdemo.c")) {
      Files.copy(in, src);
    }
    Path exe = dir.resolve("tlsdemo");
    List<String> cc = new ArrayList<>(List.of(tc.cc().toString()));
    cc.addAll(tc.cflags());
    cc.addAll(List.of("-O2", "-pthread", "-o", exe.toString(), src.toString()));
    cc.addAll(tc.ldflags());
    ProcessRunner processes = new ProcessRunner();
    Result build = processes.capture(Command.of(cc).withTimeout(Duration.ofMinutes(2)));
    assertThat(build.exitCode()).as(build.tail(20)).isZero();

    Runner runner = Host.system(line -> { }).runner(target, tc).orElseThrow(() -> new AssertionError("apt-get install qemu-user-static"));
    Result run = processes.capture(runner.wrap(Command.of(exe.toString())).withTimeout(Duration.ofSeconds(60)));
    assertThat(run.exitCode()).as(run.tail(20)).isZero();
    assertThat(run.output().strip()).isEqualTo("threads=4 total=80000 tls=ok main-tls=0");
  }
}
