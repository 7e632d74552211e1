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
 * finder falls back to the clang family, and its flags from toolchains.json build a threaded C
 * program and a C++ program that run. It holds with a bare-metal gcc installed as well
 * (gcc-riscv64-unknown-elf, which bin/test installs): clang 14 would pick that one for
 * riscv64-linux-gnu if the flags did not name the Linux cross installation.
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

    // C++ with the same flags: libstdc++'s headers come first for C++ only (-cxx-isystem), the C
    // library's after clang's own, as with a cross g++.
    Path cxxSrc = dir.resolve("vec.cpp");
    Files.writeString(cxxSrc, """
        #include <cmath>
        #include <cstdio>
        #include <numeric>
        #include <thread>
        #include <vector>
        int main() {
          std::vector<int> v(10);
          std::iota(v.begin(), v.end(), 1);
          int sum = 0;
          std::thread t([&] { sum = std::accumulate(v.begin(), v.end(), 0); });
          t.join();
          std::printf("sum=%d sqrt=%.1f\\n", sum, std::sqrt(16.0));
          return sum == 55 ? 0 : 1;
        }
        """);
    Path cxxExe = dir.resolve("vec");
    List<String> cxx = new ArrayList<>(List.of(tc.cxx().toString()));
    cxx.addAll(tc.cflags());
    cxx.addAll(List.of("-O2", "-pthread", "-o", cxxExe.toString(), cxxSrc.toString()));
    cxx.addAll(tc.ldflags());
    Result cxxBuild = processes.capture(Command.of(cxx).withTimeout(Duration.ofMinutes(2)));
    assertThat(cxxBuild.exitCode()).as(cxxBuild.tail(20)).isZero();
    Result cxxRun = processes.capture(runner.wrap(Command.of(cxxExe.toString())).withTimeout(Duration.ofSeconds(60)));
    assertThat(cxxRun.output().strip()).as(cxxRun.tail(20)).isEqualTo("sum=55 sqrt=4.0");
  }
}
