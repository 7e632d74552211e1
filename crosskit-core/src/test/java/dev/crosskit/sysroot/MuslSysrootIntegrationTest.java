package dev.crosskit.sysroot;

import static dev.crosskit.sysroot.HostTools.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * musl sysroots for real: Debian's musl packages (x86_64, aarch64, armv7) or musl built from
 * Debian's source (riscv64, armv6), the host's gcc cross compilers, QEMU. Each program must be
 * fully static (no PT_INTERP, no dynamic section), of the right machine and float ABI, and run.
 * The first run builds two musl libraries (about a minute each on 2 cores); later runs reuse
 * them from crosskit's cache.
 */
@Tag("integration")
class MuslSysrootIntegrationTest {
  static SysrootStore store;

  @TempDir Path work;

  @BeforeAll
  static void tools() {
    HostTools.require("x86_64-linux-gnu-gcc", "gcc");
    HostTools.require("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
    HostTools.require("arm-linux-gnueabihf-gcc", "gcc-arm-linux-gnueabihf");
    HostTools.require("riscv64-linux-gnu-gcc", "gcc-riscv64-linux-gnu");
    HostTools.require("qemu-aarch64-static", "qemu-user-static");
    HostTools.require("readelf", "binutils");
    HostTools.require("make", "make");
    HostTools.require("dpkg-source", "dpkg-dev");
    store = new SysrootStore(CrosskitHome.dir(), HostTools.RUNNER, m -> System.err.println("crosskit: " + m));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "x86_64-linux-musl      | Advanced Micro Devices X86-64 | -                                | ",
      "aarch64-linux-musl     | AArch64                       | qemu-aarch64-static              | ",
      "armv7-linux-musleabihf | ARM                           | qemu-arm-static                  | v7",
      "armv6-linux-musleabihf | ARM                           | qemu-arm-static -cpu arm1176     | v6",
      "riscv64-linux-musl     | RISC-V                        | qemu-riscv64-static              | "})
  void threadedProgramIsStaticOfTheRightArchitectureAndRuns(String name, String machine, String emulator, String armArch) {
    Target target = TargetResolver.builtIn().target(name);
    MuslToolchain tc = new MuslSysroots(store).ensure(target);
    Path prog = build(tc, "musl_threads.c");
    assertStatic(prog, machine);
    if (armArch != null) {
      String attrs = ok("readelf", "-A", prog.toString());
      assertThat(attrs).contains("Tag_CPU_arch: " + armArch + "\n", "Tag_ABI_VFP_args: VFP registers");
    }
    if (name.startsWith("riscv64")) {
      assertThat(ok("readelf", "-h", prog.toString())).contains("double-float ABI");
    }
    assertThat(run(emulator, prog).output()).contains("musl threads tls ok sum=34 main_tls=7 div=12727504021");
  }

  @Test
  void armv6RuntimeDivisionRunsOnAnArmv6Cpu() {
    // The Raspberry Pi Zero trap: the armhf gcc's own libgcc is ARMv7 Thumb-2 code. crosskit's
    // armv6 sysroot puts ARMv5TE integer helpers first, so the result stays v6 and runs on an
    // ARM1176 (QEMU's -cpu arm1176 faults on any ARMv7 or Thumb-2 instruction).
    MuslToolchain tc = new MuslSysroots(store).ensure(TargetResolver.builtIn().target("armv6-linux-musleabihf"));
    Path prog = build(tc, "runtime_division.c");
    assertStatic(prog, "ARM");
    assertThat(ok("readelf", "-A", prog.toString())).contains("Tag_CPU_arch: v6\n");
    assertThat(run("qemu-arm-static -cpu arm1176", prog).output()).contains("div=12727504021");
  }

  @Test
  void armv6FloatHelpersComeFromArmelAndRunOnAnArmv6Cpu() {
    // The rest of the trap: a double conversion links a float helper (__aeabi_ul2d), which the
    // armhf libgcc.a has as ARMv7 code. The armv6 sysroot takes the soft-float helpers from armel
    // too (they use the integer-register convention even in hard-float code), so the output
    // stays v6 and runs on an ARM1176 with the right result.
    MuslToolchain tc = new MuslSysroots(store).ensure(TargetResolver.builtIn().target("armv6-linux-musleabihf"));
    Path prog = build(tc, "float_conversion.c");
    assertThat(ok("readelf", "-A", prog.toString())).contains("Tag_CPU_arch: v6\n");
    assertThat(run("qemu-arm-static -cpu arm1176", prog).output()).contains("411522630041.0");
  }

  @Test
  void debianArmhfMuslAloneWouldBeArmv7() {
    // Why armv6 is built from source: Debian's armhf musl crt1.o is ARMv7.
    Sysroot v7 = new MuslSysroots(store).ensure(TargetResolver.builtIn().target("armv7-linux-musleabihf")).sysroot();
    Sysroot v6 = new MuslSysroots(store).ensure(TargetResolver.builtIn().target("armv6-linux-musleabihf")).sysroot();
    assertThat(v7.origin()).isEqualTo("debian");
    assertThat(v6.origin()).isEqualTo("source");
    assertThat(store.find("armv6-linux-musleabihf", "bookworm")).get().extracting(Sysroot::musl, Sysroot::glibc)
        .containsExactly("1.2.3", null); // read back from the manifest
    assertThat(ok("readelf", "-A", v7.root() + "/usr/lib/arm-linux-musleabihf/crt1.o")).contains("Tag_CPU_arch: v7\n");
    assertThat(ok("readelf", "-A", v6.root() + "/usr/lib/arm-linux-musleabihf/crt1.o")).contains("Tag_CPU_arch: v6\n");
  }

  private Path build(MuslToolchain tc, String source) {
    Path src = HostTools.resource(source, work);
    Path prog = work.resolve(source.replace(".c", "") + "-" + tc.target());
    ok(tc.compileAndLink(List.of("-O2", src.toString(), "-o", prog.toString())), Map.of(), work);
    return prog;
  }

  private static void assertStatic(Path prog, String machine) {
    assertThat(ok("readelf", "-h", prog.toString())).contains("Machine:", machine).contains("EXEC (Executable file)");
    assertThat(ok("readelf", "-l", "-W", prog.toString())).doesNotContain("INTERP");
    assertThat(ok("readelf", "-d", prog.toString())).contains("There is no dynamic section");
  }

  private Result run(String emulator, Path prog) {
    List<String> argv = new ArrayList<>();
    if (!emulator.equals("-")) {
      argv.addAll(List.of(emulator.split(" ")));
    }
    argv.add(prog.toString());
    return HostTools.run(argv, Map.of(), work);
  }
}
