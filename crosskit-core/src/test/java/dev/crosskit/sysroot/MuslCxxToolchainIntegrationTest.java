package dev.crosskit.sysroot;

import static dev.crosskit.sysroot.HostTools.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.base.FailedException;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
    store = new SysrootStore(CrosskitHome.dir(), HostTools.RUNNER, MuslCxxToolchainIntegrationTest::report);
  }

  private static void report(String line) {
    progress.add(line);
    System.err.println("crosskit: " + line);
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

  /**
   * The cache's rules, on x86_64: a matching recipe is reused (no build, the same files); a
   * changed recipe builds again — one that cannot build (an argument configure refuses) fails
   * and leaves the toolchain and cache as they were, and a later run with it does not take the
   * old toolchain for it; one that builds (--disable-libstdcxx-verbose) replaces the toolchain,
   * in a cache of its own seeded with a copy of this one, which is also reused after the move.
   */
  @Test
  void aMatchingRecipeIsReusedAChangedOneBuildsAgainAndAFailedBuildLeavesNothingTrusted() throws Exception {
    MuslToolchain c = new MuslSysroots(store).ensure(X86);
    MuslCxxToolchain cxx = new MuslCxxToolchain(store);
    cxx.ensure(X86, c); // built here, or by an earlier test
    Path dir = cxx.dir(X86.name());
    Path recipe = dir.resolve(MuslCxxToolchain.RECIPE);
    Object fileKey = fileKey(recipe);
    String key = Files.readString(recipe);

    progress.clear();
    cxx.ensure(X86, c);
    assertThat(progress).noneMatch(l -> l.contains("building libstdc++"));
    assertThat(fileKey(recipe)).isEqualTo(fileKey);

    MuslCxxRecipe broken = MuslCxxRecipe.builtIn().withConfigure(List.of("--enable-clocale=no-such-model"));
    for (int attempt = 1; attempt <= 2; attempt++) {
      progress.clear();
      assertThatThrownBy(() -> new MuslCxxToolchain(store, broken).ensure(X86, c))
          .isInstanceOf(FailedException.class).hasMessageContaining("failed at configure (exit");
      assertThat(progress).as("attempt " + attempt).anyMatch(l -> l.contains("building libstdc++")
          && l.contains("(its recipe changed)"));
      assertThat(fileKey(recipe)).isEqualTo(fileKey);
      assertThat(Files.readString(recipe)).isEqualTo(key);
      try (Stream<Path> siblings = Files.list(dir.getParent())) {
        assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("." + X86.name()));
      }
      try (Stream<Path> scratch = Files.list(store.home().resolve("build"))) {
        assertThat(scratch.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("cxx-" + X86.name()));
      }
    }
    progress.clear();
    cxx.ensure(X86, c);
    assertThat(progress).noneMatch(l -> l.contains("building libstdc++"));

    // A cache of its own: copies of the sysroot and toolchain, the shared apt files and sources.
    Path home = Files.createDirectories(work.resolve("home"));
    Files.createDirectories(home.resolve("sysroots"));
    Files.createDirectories(home.resolve("cxx"));
    ok("cp", "-a", c.sysroot().root(), home.resolve("sysroots").toString());
    ok("cp", "-a", dir.toString(), home.resolve("cxx").toString());
    Files.createSymbolicLink(home.resolve("apt"), store.aptDir());
    Files.createSymbolicLink(home.resolve("cxx/src"), store.home().resolve("cxx/src"));
    SysrootStore other = new SysrootStore(home, HostTools.RUNNER, MuslCxxToolchainIntegrationTest::report);
    MuslToolchain movedC = new MuslSysroots(other).ensure(X86);
    progress.clear();
    MuslToolchain moved = new MuslCxxToolchain(other).ensure(X86, movedC);
    assertThat(progress).noneMatch(l -> l.contains("building libstdc++"));
    assertThat(moved.cc()).contains(home.resolve("cxx/x86_64-linux-musl/musl-g++.specs").toString());
    assertThat(Files.readString(home.resolve("cxx/x86_64-linux-musl/musl-g++.specs"))).contains(home + "/cxx/x86_64-linux-musl/lib")
        .doesNotContain(store.home() + "/");

    MuslCxxRecipe quiet = MuslCxxRecipe.builtIn().withConfigure(List.of("--disable-libstdcxx-verbose"));
    progress.clear();
    MuslToolchain rebuilt = new MuslCxxToolchain(other, quiet).ensure(X86, movedC);
    assertThat(progress).anyMatch(l -> l.contains("building libstdc++") && l.contains("(its recipe changed)"));
    Path newDir = home.resolve("cxx/x86_64-linux-musl");
    assertThat(Files.readString(newDir.resolve(MuslCxxToolchain.RECIPE))).contains("--disable-libstdcxx-verbose");
    assertThat(Files.readString(newDir.resolve("include/c++/12/x86_64-linux-musl/bits/c++config.h")))
        .contains("#define _GLIBCXX_VERBOSE 0");
    assertThat(Files.readString(dir.resolve("include/c++/12/x86_64-linux-musl/bits/c++config.h")))
        .contains("#define _GLIBCXX_VERBOSE 1");
    Path prog = buildCxx(rebuilt, Files.createDirectories(work.resolve("rebuilt")));
    assertThat(HostTools.run(List.of(prog.toString()), Map.of(), work).output()).contains("cxx ok registered=7 caught=212");
  }

  private static Object fileKey(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
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
