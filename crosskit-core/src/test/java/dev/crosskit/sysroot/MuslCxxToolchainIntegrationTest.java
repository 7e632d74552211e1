package dev.crosskit.sysroot;

import static dev.crosskit.sysroot.HostTools.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.base.Deletion;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * C++ toolchains for musl for real: libstdc++ built from Debian's gcc-12 source by the host's
 * cross compilers, a C++ program with a static library compiled and linked with them, fully
 * static, of the right machine, run (under QEMU where foreign). And the cache's rules: a
 * toolchain whose recipe matches is reused without a build; a changed recipe builds again; a
 * build that fails leaves nothing a later run uses. x86_64 and aarch64 here (each build costs
 * about 1.5 CPU-minutes); all five musl targets in bench/cxx-musl.sh.
 */
@Tag("integration")
class MuslCxxToolchainIntegrationTest {
  static final Target X86 = TargetResolver.builtIn().target("x86_64-linux-musl");
  static List<String> progress = new CopyOnWriteArrayList<>();
  static SysrootStore store;

  @TempDir Path work;

  @BeforeAll
  static void tools() {
    HostTools.require("x86_64-linux-gnu-g++", "g++");
    HostTools.require("aarch64-linux-gnu-g++", "g++-aarch64-linux-gnu");
    HostTools.require("qemu-aarch64-static", "qemu-user-static");
    HostTools.require("make", "make");
    HostTools.require("readelf", "binutils");
    store = new SysrootStore(CrosskitHome.dir(), HostTools.RUNNER, m -> {
      progress.add(m);
      System.err.println("crosskit: " + m);
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "x86_64-linux-musl  | Advanced Micro Devices X86-64 | ",
      "aarch64-linux-musl | AArch64                       | qemu-aarch64-static"})
  void cxxProgramWithAStaticLibraryIsStaticAndRuns(String name, String machine, String emulator) throws IOException {
    Target target = TargetResolver.builtIn().target(name);
    MuslToolchain tc = new MuslCxxToolchain(store).ensure(target, new MuslSysroots(store).ensure(target));
    Path prog = buildCxx(tc, work);
    assertThat(ok("readelf", "-lW", prog.toString())).doesNotContain("INTERP");
    assertThat(ok("readelf", "-dW", prog.toString())).contains("There is no dynamic section");
    assertThat(ok("readelf", "-hW", prog.toString())).contains(machine);
    List<String> argv = new ArrayList<>(emulator == null ? List.of() : List.of(emulator.split(" ")));
    argv.add(prog.toString());
    Result r = HostTools.run(argv, Map.of(), work);
    assertThat(r.ok()).as(r.tail(20)).isTrue();
    assertThat(r.output()).contains("cxx ok registered=7 caught=212 sum=10000 flag=1 regex=1 fs=6 rtti=1");
  }

  /** Compiles cxx_lib.cpp into a static library and cxx_musl.cpp against it, links statically. */
  static Path buildCxx(MuslToolchain tc, Path dir) {
    Path lib = HostTools.resource("cxx_lib.cpp", dir);
    Path main = HostTools.resource("cxx_musl.cpp", dir);
    String gxx = tc.cc().get(0).replaceAll("gcc$", "g++");
    String prefix = tc.cc().get(0).replaceAll("gcc$", "");
    List<String> cxx = new ArrayList<>(List.of(gxx));
    cxx.addAll(tc.cc().subList(1, tc.cc().size()));
    cxx.addAll(tc.cflags());
    List<String> compileLib = new ArrayList<>(cxx);
    compileLib.addAll(List.of("-std=c++17", "-O2", "-c", lib.toString(), "-o", dir.resolve("lib.o").toString()));
    ok(compileLib, Map.of(), dir);
    ok(List.of(prefix + "ar", "rcs", dir.resolve("liblib.a").toString(), dir.resolve("lib.o").toString()), Map.of(), dir);
    Path prog = dir.resolve("cxx_musl");
    List<String> link = new ArrayList<>(cxx);
    link.addAll(List.of("-std=c++17", "-O2", main.toString(), "-o", prog.toString(), "-L" + dir, "-llib", "-pthread"));
    link.addAll(tc.ldflags());
    ok(link, Map.of(), dir);
    return prog;
  }
}
