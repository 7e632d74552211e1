package dev.crosskit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.build.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapCacheTest {
  private static final String KEY = "ab".repeat(32);
  private static final FileTime SOURCE_TIME = FileTime.fromMillis(1_600_000_000_000L);
  private static final FileTime BOOTSTRAP_TIME = FileTime.fromMillis(1_700_000_000_000L);

  @TempDir Path dir;
  private Path sources;
  private BootstrapCache cache;

  @BeforeEach
  void setUp() throws Exception {
    sources = Files.createDirectories(dir.resolve("project"));
    Files.writeString(sources.resolve("configure.ac"), "AC_INIT([p], [1])\n");
    Files.createDirectories(sources.resolve("m4"));
    Files.writeString(sources.resolve("m4/local.m4"), "dnl local\n");
    Files.setLastModifiedTime(sources.resolve("configure.ac"), SOURCE_TIME);
    Files.setLastModifiedTime(sources.resolve("m4/local.m4"), SOURCE_TIME);
    cache = new ConfigureCache(dir.resolve("home")).bootstrap();
  }

  /** A copy of the sources (times kept, as crosskit copies them) with what autoreconf would write. */
  private Path bootstrapped(String name) throws Exception {
    Path copy = dir.resolve(name);
    new SourceTree(sources).copyTo(copy);
    Path configure = Files.writeString(copy.resolve("configure"), "#!/bin/sh\necho configured\n");
    Files.setPosixFilePermissions(configure, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(copy.resolve("m4/libtool.m4"), "dnl libtool\n");
    Files.writeString(copy.resolve("m4/local.m4"), "dnl local, updated\n"); // a file the bootstrap rewrote
    Files.createDirectories(copy.resolve("autom4te.cache"));
    Files.writeString(copy.resolve("autom4te.cache/traces.0"), "traces\n");
    for (String f : List.of("configure", "m4/libtool.m4", "m4/local.m4")) {
      Files.setLastModifiedTime(copy.resolve(f), BOOTSTRAP_TIME);
    }
    return copy;
  }

  @Test
  void whatTheBootstrapWroteIsWhatDiffersFromTheSourcesButNotAutom4tesCache() throws Exception {
    assertThat(BootstrapCache.written(sources, bootstrapped("copy")))
        .containsExactly(Path.of("configure"), Path.of("m4/libtool.m4"), Path.of("m4/local.m4"));
  }

  @Test
  void storedFilesComeBackWithTheirContentModesAndTimes() throws Exception {
    assertThat(cache.restore(KEY, dir)).isEmpty();
    cache.store(KEY, sources, bootstrapped("first"));

    Path second = dir.resolve("second");
    new SourceTree(sources).copyTo(second);
    assertThat(cache.restore(KEY, second)).contains(3);
    assertThat(second.resolve("configure")).hasContent("#!/bin/sh\necho configured");
    assertThat(Files.isExecutable(second.resolve("configure"))).isTrue();
    assertThat(second.resolve("m4/local.m4")).hasContent("dnl local, updated");
    assertThat(Files.getLastModifiedTime(second.resolve("m4/libtool.m4"))).isEqualTo(BOOTSTRAP_TIME);
    assertThat(Files.getLastModifiedTime(second.resolve("configure.ac"))).isEqualTo(SOURCE_TIME);
    assertThat(second.resolve("autom4te.cache")).doesNotExist();
    assertThat(new ConfigureCache(dir.resolve("home")).stats().entries()).isEqualTo(1);
  }

  @Test
  void aDamagedOrEscapingEntryIsAMissAndIsRemoved() throws Exception {
    cache.store(KEY, sources, bootstrapped("first"));
    Path entry = dir.resolve("home/configure-cache/bootstrap").resolve(KEY);
    Files.writeString(entry.resolve("tree/configure"), "#!/bin/sh\nrm -rf /\n");
    assertThat(cache.restore(KEY, dir.resolve("victim"))).isEmpty();
    assertThat(entry).doesNotExist();

    cache.store(KEY, sources, bootstrapped("again"));
    String manifest = Files.readString(entry.resolve("files.sha256"));
    Files.writeString(entry.resolve("files.sha256"), manifest.replace("  m4/libtool.m4", "  ../../../escaped"));
    assertThat(cache.restore(KEY, dir.resolve("victim"))).isEmpty();
    assertThat(dir.resolve("escaped")).doesNotExist();
    assertThat(entry).doesNotExist();
  }

  @Test
  void aBootstrapThatMadeASymbolicLinkIsNotStored() throws Exception {
    Path copy = bootstrapped("copy");
    Files.createSymbolicLink(copy.resolve("ltmain.sh"), Path.of("/usr/share/libtool/build-aux/ltmain.sh"));
    cache.store(KEY, sources, copy);
    assertThat(cache.restore(KEY, dir.resolve("other"))).isEmpty();
  }

  @Test
  void theKeyFollowsTheSourcesTheCommandTheAutotoolsAndTheHostsPackagesNotTheTarget() throws Exception {
    Path dpkg = Files.writeString(dir.resolve("status"), "Package: autoconf\n");
    Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "CC", "aarch64-linux-gnu-gcc"));
    List<String> argv = List.of("autoreconf", "-fi");
    String key = BootstrapCache.key(argv, "sources-1", env, dpkg);
    assertThat(key).matches("[0-9a-f]{64}");

    env.put("CC", "riscv64-linux-gnu-gcc");
    env.put("CFLAGS", "-O1");
    assertThat(BootstrapCache.key(argv, "sources-1", env, dpkg)).as("another target's compiler").isEqualTo(key);

    assertThat(BootstrapCache.key(argv, "sources-2", env, dpkg)).isNotEqualTo(key);
    assertThat(BootstrapCache.key(List.of("autoreconf", "-fvi"), "sources-1", env, dpkg)).isNotEqualTo(key);
    Map<String, String> aclocal = new HashMap<>(env);
    aclocal.put("ACLOCAL_PATH", "/opt/m4");
    assertThat(BootstrapCache.key(argv, "sources-1", aclocal, dpkg)).isNotEqualTo(key);
    Files.writeString(dpkg, "Package: autoconf\nPackage: automake\n");
    assertThat(BootstrapCache.key(argv, "sources-1", env, dpkg)).as("apt installed something").isNotEqualTo(key);
  }
}
