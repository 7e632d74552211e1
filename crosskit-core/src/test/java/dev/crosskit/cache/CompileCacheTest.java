package dev.crosskit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.HostTools;
import dev.crosskit.result.CompileCacheStats;
import dev.crosskit.sysroot.Sysroot;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCacheTest {
  private static final Target AARCH64 = TargetResolver.builtIn().target("aarch64-linux-gnu");

  private static Toolchain toolchain(Path sysroot) {
    return new Toolchain(AARCH64, "gcc-cross", Path.of("/usr/bin/aarch64-linux-gnu-gcc"),
        Path.of("/usr/bin/aarch64-linux-gnu-g++"), null, null, null, sysroot, List.of(), List.of(), List.of());
  }

  private static CompileCache cache(Path dir, boolean installed) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    if (installed) {
      Files.createFile(bin.resolve("ccache")).toFile().setExecutable(true);
    }
    return new CompileCache(dir.resolve("home"), new HostTools(List.of(bin)));
  }

  @Test
  void aBuildGetsTheCacheInCrosskitsHomeKeyedByContentTargetAndSysroot(@TempDir Path dir) throws Exception {
    Path sysroot = Files.createDirectories(dir.resolve("sysroots/aarch64-linux-gnu-bookworm"));
    Files.writeString(sysroot.resolve(Sysroot.MANIFEST), "{}");
    CompileCache.Launcher l = cache(dir, true).forBuild(AARCH64, toolchain(sysroot), dir.resolve("project"),
        dir.resolve("logs/compile-cache.log"), Optional.empty()).orElseThrow();
    assertThat(l.variables()).containsEntry("CCACHE_DIR", dir.resolve("home/ccache").toString())
        .containsEntry("CCACHE_COMPILERCHECK", "content")
        .containsEntry("CCACHE_NAMESPACE", "aarch64-linux-gnu")
        .containsEntry("CCACHE_BASEDIR", dir.resolve("project").toString())
        .containsEntry("CCACHE_EXTRAFILES", sysroot.resolve(Sysroot.MANIFEST).toString())
        .containsEntry("CCACHE_STATSLOG", dir.resolve("logs/compile-cache.log").toString())
        .doesNotContainKey("CCACHE_REMOTE_STORAGE");
    assertThat(l.prefix()).containsExactly(dir.resolve("bin/ccache").toString());
  }

  @Test
  void theSpecsFilesTheFlagsLoadAreHashedByContent(@TempDir Path dir) throws Exception {
    Path sysroot = Files.createDirectories(dir.resolve("sysroots/x86_64-linux-musl"));
    Files.writeString(sysroot.resolve(Sysroot.MANIFEST), "{}");
    Path specs = Files.writeString(sysroot.resolve("musl-gcc.specs"), "*cc1:\n-nostdinc\n");
    Path cxxSpecs = Files.writeString(dir.resolve("cxx.specs"), "*cc1plus:\n");
    Toolchain tc = new Toolchain(AARCH64, "gcc-cross", Path.of("/usr/bin/gcc"), null, null, null, null, sysroot,
        List.of("-O2", "-specs", specs.toString(), "-specs=" + cxxSpecs, "-specs=" + dir.resolve("missing.specs")),
        List.of(), List.of());
    assertThat(CompileCache.sysrootIdentity(tc)).containsExactly(sysroot.resolve(Sysroot.MANIFEST).toString(),
        specs.toString(), cxxSpecs.toString());
  }

  @Test
  void specsFlagsNameTheirFilesInBothSpellings() {
    assertThat(CompileCache.specsFiles(List.of("-specs", "/a.specs", "-specs=/b.specs", "-spec", "-specs")))
        .containsExactly(Path.of("/a.specs"), Path.of("/b.specs"));
  }

  @Test
  void withoutASysrootManifestNothingExtraIsHashed(@TempDir Path dir) throws Exception {
    CompileCache.Launcher l = cache(dir, true).forBuild(AARCH64, toolchain(null), dir, dir.resolve("log"), Optional.empty()).orElseThrow();
    assertThat(l.variables()).doesNotContainKey("CCACHE_EXTRAFILES");
  }

  @Test
  void aSharedStoreBecomesCcachesRemoteStorage(@TempDir Path dir) throws Exception {
    CompileCache.Launcher l = cache(dir, true).forBuild(AARCH64, toolchain(null), dir, dir.resolve("log"),
        Optional.of("redis://127.0.0.1:7777")).orElseThrow();
    assertThat(l.variables()).containsEntry("CCACHE_REMOTE_STORAGE", "redis://127.0.0.1:7777")
        .containsEntry("CCACHE_NAMESPACE", "aarch64-linux-gnu");
  }

  @Test
  void noLauncherWhenCcacheIsNotInstalled(@TempDir Path dir) throws Exception {
    assertThat(cache(dir, false).forBuild(AARCH64, toolchain(null), dir, dir.resolve("log"), Optional.empty())).isEmpty();
  }

  @Test
  void theLauncherGoesInFrontOfCcAndCxxOnceAndIntoCmakesLauncherVariables(@TempDir Path dir) throws Exception {
    CompileCache.Launcher l = cache(dir, true).forBuild(AARCH64, toolchain(null), dir, dir.resolve("log"), Optional.empty()).orElseThrow();
    String ccache = dir.resolve("bin/ccache").toString();
    Map<String, String> env = new LinkedHashMap<>(Map.of("CC", "/usr/bin/clang --target=aarch64-linux-gnu",
        "CXX", "/usr/bin/aarch64-linux-gnu-g++", "CFLAGS", "-O2"));
    l.applyTo(env);
    l.applyTo(env);
    assertThat(env).containsEntry("CC", ccache + " /usr/bin/clang --target=aarch64-linux-gnu")
        .containsEntry("CXX", ccache + " /usr/bin/aarch64-linux-gnu-g++")
        .containsEntry("CFLAGS", "-O2") // flags are the build's business, not the cache's
        .containsEntry("CMAKE_C_COMPILER_LAUNCHER", ccache)
        .containsEntry("CMAKE_CXX_COMPILER_LAUNCHER", ccache)
        .containsEntry("CCACHE_COMPILERCHECK", "content");
  }

  @Test
  void baseDirHoldsProjectAndOutputButIsNeverTheRoot() {
    assertThat(CompileCache.baseDir(Path.of("/src/p"), Path.of("/src/p/target/crosskit"))).isEqualTo(Path.of("/src/p"));
    assertThat(CompileCache.baseDir(Path.of("/home/u/p"), Path.of("/home/u/out"))).isEqualTo(Path.of("/home/u"));
    assertThat(CompileCache.baseDir(Path.of("/src/p"), Path.of("/tmp/out"))).isEqualTo(Path.of("/src/p"));
  }

  @Test
  void theStatisticsLogCountsHitsAndMissesOfEachCompilation(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("compile-cache.log");
    assertThat(CompileCacheLog.read(log)).isEqualTo(CompileCacheStats.NONE);
    Files.writeString(log, String.join("\n", "# ../src/a.c", "cache_miss", "direct_cache_miss", "local_storage_miss",
        "preprocessed_cache_miss", "# ../src/b.c", "direct_cache_hit", "local_storage_hit", "# ../src/c.c",
        "preprocessed_cache_hit", "remote_storage_hit", "# main.c", "called_for_link", "# direct_cache_hit.c", ""));
    assertThat(CompileCacheLog.read(log)).isEqualTo(new CompileCacheStats(2, 1, 1));
  }

  @Test
  void printStatsAndSizesAreRead() {
    Map<String, Long> counters = CompileCacheStore.parse("cache_miss\t4\ndirect_cache_hit\t7\nfiles_in_cache\t20\n"
        + "garbage line\nstats_zeroed_timestamp\t0\n");
    assertThat(counters).containsEntry("cache_miss", 4L).containsEntry("direct_cache_hit", 7L).hasSize(4);
    assertThat(CompileCacheStore.parseSize("5.0G")).isEqualTo(4_882_813L);
    assertThat(CompileCacheStore.parseSize("500Mi")).isEqualTo(512_000L);
    assertThat(CompileCacheStore.parseSize("nonsense")).isZero();
  }
}
