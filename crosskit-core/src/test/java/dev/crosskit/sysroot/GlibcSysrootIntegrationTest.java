package dev.crosskit.sysroot;

import static dev.crosskit.sysroot.HostTools.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Debian packages, the real aarch64 cross compiler and QEMU: a program using zlib and
 * OpenSSL through pkg-config builds against a bookworm and a bullseye sysroot and runs; the
 * bullseye one needs no glibc newer than 2.31. Sysroots stay in crosskit's cache
 * ($CROSSKIT_HOME or ~/.cache/crosskit), so a rerun downloads nothing.
 */
@Tag("integration")
class GlibcSysrootIntegrationTest {
  static final List<String> PACKAGES = List.of("zlib1g-dev", "libssl-dev");
  static final Target AARCH64 = TargetResolver.builtIn().target("aarch64-linux-gnu");
  static SysrootStore store;
  static GccProbe gcc;

  @TempDir Path work;

  @BeforeAll
  static void tools() {
    HostTools.require("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
    HostTools.require("qemu-aarch64-static", "qemu-user-static");
    HostTools.require("pkg-config", "pkg-config");
    HostTools.require("readelf", "binutils");
    HostTools.require("apt-get", "apt");
    store = new SysrootStore(CrosskitHome.dir(), HostTools.RUNNER, m -> System.err.println("crosskit: " + m));
    gcc = GccProbe.probe("aarch64-linux-gnu-", HostTools.RUNNER);
  }

  @Test
  void bullseyeSysrootGivesAGlibc231Floor() {
    Sysroot s = store.add(AARCH64, DebianSuites.builtIn().suite("bullseye"), PACKAGES).sysroot();
    assertThat(s.glibc()).isEqualTo("2.31");
    Path prog = buildAndRun(s);
    List<String> glibc = HostTools.glibcVersions(prog);
    assertThat(glibc).isNotEmpty();
    assertThat(glibc).allSatisfy(v -> assertThat(DebianSuites.compareVersions(v, "2.31")).as("GLIBC_%s", v).isLessThanOrEqualTo(0));
    assertThat(HostTools.needed(prog)).contains("libz.so.1", "libcrypto.so.1.1");
  }

  @Test
  void bookwormSysrootLinksBookwormsLibraries() {
    Sysroot s = store.add(AARCH64, DebianSuites.builtIn().suite("bookworm"), PACKAGES).sysroot();
    assertThat(s.glibc()).isEqualTo("2.36");
    Path prog = buildAndRun(s);
    assertThat(HostTools.needed(prog)).contains("libz.so.1", "libcrypto.so.3");
  }

  @Test
  void secondAddOfTheSamePackagesDownloadsNothingAndIsFast() {
    DebianSuite bullseye = DebianSuites.builtIn().suite("bullseye");
    store.add(AARCH64, bullseye, PACKAGES);
    long start = System.nanoTime();
    SysrootStore.Added again = store.add(AARCH64, bullseye, List.of("libssl-dev"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(again.downloaded()).isZero();
    assertThat(again.upToDate()).isTrue();
    assertThat(millis).as("second add took %d ms", millis).isLessThan(2000);
  }

  @Test
  void withoutTheSysrootFlagsTheCrossCompilersOwnNewerGlibcLeaksIn() {
    // The trap the -nostdinc/-B/-L flags exist for: with --sysroot alone, Debian's cross gcc takes
    // crt1.o and libc.so from /usr/aarch64-linux-gnu (bookworm, 2.36) before the sysroot's, so the
    // link either fails (2.36 libc with 2.31 libpthread) or the program needs a glibc newer than 2.31.
    Sysroot s = store.add(AARCH64, DebianSuites.builtIn().suite("bullseye"), PACKAGES).sysroot();
    Path src = HostTools.resource("zlib_ssl.c", work);
    Path prog = work.resolve("naive");
    dev.crosskit.exec.Result naive = HostTools.run(List.of("aarch64-linux-gnu-gcc", "--sysroot=" + s.root(), "-pthread",
        src.toString(), "-o", prog.toString(), "-lz", "-lcrypto"), Map.of(), work);
    if (naive.ok()) {
      assertThat(HostTools.glibcVersions(prog)).anySatisfy(v -> assertThat(DebianSuites.compareVersions(v, "2.31")).isPositive());
    } else {
      assertThat(naive.error()).contains("GLIBC_PRIVATE");
    }
  }

  @Test
  void parallelAddsSharingOneAptDirectoryBothSucceed() throws Exception {
    // The pipeline provisions targets in parallel; aarch64 glibc and musl share the bookworm arm64 apt directory.
    SysrootStore fresh = new SysrootStore(work.resolve("home"), HostTools.RUNNER, m -> {});
    Target musl = TargetResolver.builtIn().target("aarch64-linux-musl");
    DebianSuite bookworm = DebianSuites.builtIn().suite("bookworm");
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(3)) {
      var glibc = pool.submit(() -> fresh.add(AARCH64, bookworm, List.of("zlib1g-dev")));
      var again = pool.submit(() -> fresh.add(AARCH64, bookworm, List.of("zlib1g-dev")));
      var m = pool.submit(() -> fresh.add(musl, bookworm, List.of()));
      assertThat(glibc.get().sysroot().installed()).anyMatch(p -> p.startsWith("zlib1g-dev="));
      assertThat(again.get().sysroot().root()).isEqualTo(glibc.get().sysroot().root());
      assertThat(m.get().sysroot().musl()).isEqualTo("1.2.3");
    }
    assertThat(fresh.list()).extracting(Sysroot::id).containsExactly("aarch64-linux-gnu-bookworm", "aarch64-linux-musl-bookworm");
    assertThat(java.nio.file.Files.isRegularFile(fresh.find("aarch64-linux-gnu", "bookworm").orElseThrow().rootPath()
        .resolve("usr/include/zlib.h"))).isTrue();
  }

  /** Builds zlib_ssl.c with the sysroot's flags and pkg-config, runs it under QEMU, returns the binary. */
  private Path buildAndRun(Sysroot s) {
    Path src = HostTools.resource("zlib_ssl.c", work);
    Map<String, String> pkgEnv = SysrootFlags.pkgConfigEnv(s);
    List<String> pkg = HostTools.words(ok(List.of("pkg-config", "--cflags", "--libs", "zlib", "libcrypto"), pkgEnv, work));
    assertThat(pkg).contains("-lz", "-lcrypto");
    SysrootFlags.GccFlags flags = SysrootFlags.forGcc(s, gcc);
    Path prog = work.resolve("zlib_ssl-" + s.suite());
    List<String> argv = new ArrayList<>(List.of("aarch64-linux-gnu-gcc", "-O2", "-pthread"));
    argv.addAll(flags.cflags());
    argv.addAll(List.of(src.toString(), "-o", prog.toString()));
    argv.addAll(flags.ldflags());
    argv.addAll(pkg);
    ok(argv, Map.of(), work);
    List<String> run = new ArrayList<>(List.of("qemu-aarch64-static"));
    run.addAll(SysrootFlags.qemuOptions(s));
    run.add(prog.toString());
    String out = ok(run, new LinkedHashMap<>(), work);
    assertThat(out).startsWith("zlib 1.2.").contains("sha256 17e2d6cf", "openssl 1");
    return prog;
  }
}
