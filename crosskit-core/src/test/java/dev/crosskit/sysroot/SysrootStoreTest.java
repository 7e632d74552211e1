package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's bookkeeping without the network: manifests round-trip, replace and remove are whole. */
class SysrootStoreTest {
  @TempDir Path home;

  Sysroot sysroot(SysrootStore store, String target, String libc, String version) {
    return new Sysroot(target, "bookworm", libc, "arm64", "aarch64-linux-gnu",
        store.sysrootsDir().resolve(target + "-bookworm").toString(), List.of("zlib1g-dev"), List.of("zlib1g-dev=1:1.2.13.dfsg-1"),
        libc.equals("glibc") ? version : null, libc.equals("musl") ? version : null, "debian", "2026-01-01T00:00:00Z",
        java.util.Map.of("zlib1g-dev", "ab".repeat(32)));
  }

  @Test
  void manifestRoundTripsForGlibcAndMusl() {
    SysrootStore store = new SysrootStore(home, null, m -> {});
    Sysroot glibc = sysroot(store, "aarch64-linux-gnu", "glibc", "2.36");
    Sysroot musl = sysroot(store, "aarch64-linux-musl", "musl", "1.2.3");
    store.install(glibc, staging -> Files.writeString(staging.resolve("marker"), "g"));
    store.install(musl, staging -> Files.writeString(staging.resolve("marker"), "m"));
    assertThat(store.find("aarch64-linux-gnu", "bookworm")).contains(glibc);
    assertThat(store.find("aarch64-linux-musl", "bookworm")).contains(musl);
    assertThat(store.list()).extracting(Sysroot::id).containsExactly("aarch64-linux-gnu-bookworm", "aarch64-linux-musl-bookworm");
    assertThat(store.find("aarch64-linux-musl", "bookworm").orElseThrow().libcVersion()).isEqualTo("1.2.3");
    // the .debs' hashes travel in the manifest: crosskit.lock pins them
    assertThat(store.find("aarch64-linux-gnu", "bookworm").orElseThrow().sha256()).containsEntry("zlib1g-dev", "ab".repeat(32));
  }

  @Test
  void aManifestWithoutHashesGetsThemFromAptsCachedDebsAndKeepsTheRest() throws Exception {
    SysrootStore store = new SysrootStore(home, null, m -> {});
    Sysroot old = new Sysroot("aarch64-linux-musl", "bookworm", "musl", "arm64", "aarch64-linux-musl",
        store.sysrootsDir().resolve("aarch64-linux-musl-bookworm").toString(), List.of(),
        List.of("musl=1.2.3-1", "musl-dev=1.2.3-1"), null, "1.2.3", "debian", "2026-01-01T00:00:00Z");
    store.install(old, staging -> { });
    assertThat(store.find("aarch64-linux-musl", "bookworm").orElseThrow().sha256()).isEmpty(); // no .debs: unchanged
    Path archives = Files.createDirectories(store.aptDir().resolve("bookworm-arm64/archives"));
    Files.writeString(archives.resolve("musl_1.2.3-1_arm64.deb"), "m");
    Files.writeString(archives.resolve("musl-dev_1.2.3-1_arm64.deb"), "d");
    Sysroot hashed = store.find("aarch64-linux-musl", "bookworm").orElseThrow();
    assertThat(hashed.sha256()).containsEntry("musl", dev.crosskit.base.Digests.sha256("m".getBytes()))
        .containsEntry("musl-dev", dev.crosskit.base.Digests.sha256("d".getBytes()));
    assertThat(hashed.created()).isEqualTo(old.created()); // what was built against it stays valid
    Files.delete(archives.resolve("musl_1.2.3-1_arm64.deb"));
    assertThat(store.find("aarch64-linux-musl", "bookworm").orElseThrow().sha256()).isEqualTo(hashed.sha256()); // written
  }

  @Test
  void downloadedDebsAreHashedByPackageName(@TempDir Path debs) throws Exception {
    Path deb = Files.writeString(debs.resolve("libc6_2.36-9+deb12u10_arm64.deb"), "not really a deb");
    Path epoch = Files.writeString(debs.resolve("zlib1g_1%3a1.2.13.dfsg-1_arm64.deb"), "");
    assertThat(new PrivateApt.Downloaded(List.of(deb, epoch), 0).sha256())
        .containsEntry("libc6", dev.crosskit.base.Digests.sha256("not really a deb".getBytes()))
        .containsEntry("zlib1g", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void recipeKeysAreStableAndNameWhereTheRecipeComesFrom() {
    assertThat(MuslSysroots.recipeKey("aarch64-linux-musl")).hasValueSatisfying(k -> assertThat(k)
        .matches("debian bookworm recipe sha256:[0-9a-f]{16}"));
    assertThat(MuslSysroots.recipeKey("riscv64-linux-musl")).hasValueSatisfying(k -> assertThat(k).startsWith("build "));
    assertThat(MuslSysroots.recipeKey("aarch64-linux-musl")).isNotEqualTo(MuslSysroots.recipeKey("x86_64-linux-musl"));
    assertThat(MuslSysroots.recipeKey("aarch64-linux-gnu")).isEmpty();
    assertThat(MuslCxxToolchain.recipeKey("aarch64-linux-musl")).hasValueSatisfying(k -> assertThat(k)
        .matches("gcc-\\S+ \\d+ recipe sha256:[0-9a-f]{16}"));
    assertThat(MuslCxxToolchain.recipeKey("aarch64-linux-musl")).isEqualTo(MuslCxxToolchain.recipeKey("aarch64-linux-musl"));
  }

  @Test
  void reinstallReplacesWholeAndRemoveDeletes() throws Exception {
    SysrootStore store = new SysrootStore(home, null, m -> {});
    Sysroot s = sysroot(store, "aarch64-linux-gnu", "glibc", "2.36");
    store.install(s, staging -> Files.writeString(staging.resolve("old-only"), "1"));
    store.install(s, staging -> Files.writeString(staging.resolve("new-only"), "2"));
    assertThat(s.rootPath().resolve("old-only")).doesNotExist();
    assertThat(s.rootPath().resolve("new-only")).hasContent("2");
    try (var left = Files.list(store.sysrootsDir())) {
      assertThat(left.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".lock"))).containsExactly("aarch64-linux-gnu-bookworm");
    }
    assertThat(store.remove("aarch64-linux-gnu", "bookworm")).isTrue();
    assertThat(store.remove("aarch64-linux-gnu", "bookworm")).isFalse();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void leftoversOfAnInterruptedRunAreCleanedUp() throws Exception {
    SysrootStore store = new SysrootStore(home, null, m -> {});
    Sysroot s = sysroot(store, "aarch64-linux-gnu", "glibc", "2.36");
    Path dir = Files.createDirectories(store.sysrootsDir());
    // pid 4194305 is above Linux's PID_MAX_LIMIT (2^22): no such process can exist
    Path deadStaging = Files.createDirectories(dir.resolve(".staging-aarch64-linux-gnu-bookworm-4194305-1"));
    Path liveStaging = Files.createDirectories(dir.resolve(".staging-aarch64-linux-gnu-bookworm-" + ProcessHandle.current().pid() + "-1"));
    Path old = Files.createDirectories(dir.resolve(".old-aarch64-linux-gnu-bookworm-7"));
    Path other = Files.createDirectories(dir.resolve(".old-riscv64-linux-musl-bookworm-7"));
    store.install(s, staging -> Files.writeString(staging.resolve("x"), "x"));
    assertThat(deadStaging).doesNotExist();
    assertThat(old).doesNotExist();
    assertThat(liveStaging).exists();
    assertThat(other).exists();
  }

  @Test
  void untrustworthyManifestCountsAsMissing() throws Exception {
    SysrootStore store = new SysrootStore(home, null, m -> {});
    Path dir = Files.createDirectories(store.sysrootsDir().resolve("aarch64-linux-musl-bookworm"));
    Files.writeString(dir.resolve(Sysroot.MANIFEST), "{\"target\":\"aarch64-linux-musl\",\"libc\":\"musl\",\"musl\":true}");
    assertThat(store.find("aarch64-linux-musl", "bookworm")).isEmpty();
    Files.writeString(dir.resolve(Sysroot.MANIFEST), "not json");
    assertThat(store.list()).isEmpty();
  }
  /** A manifest whose package list was changed to an apt option is refused, not passed to apt again. */
  @Test
  void tamperedPackageListIsRefusedWithAClearMessage() throws Exception {
    SysrootStore store = new SysrootStore(home, null, m -> {});
    Sysroot s = sysroot(store, "aarch64-linux-gnu", "glibc", "2.36");
    store.install(s, staging -> Files.writeString(staging.resolve("x"), "x"));
    Path manifest = s.rootPath().resolve(Sysroot.MANIFEST);
    Files.writeString(manifest, Files.readString(manifest).replace("\"zlib1g-dev\"", "\"-oAPT::Get::AllowUnauthenticated=true\""));
    assertThatThrownBy(() -> store.find("aarch64-linux-gnu", "bookworm"))
        .isInstanceOf(dev.crosskit.base.BadInputException.class)
        .hasMessageContaining(manifest.toString())
        .hasMessageContaining("'-oAPT::Get::AllowUnauthenticated=true' is not a Debian package name")
        .hasMessageContaining("crosskit sysroot remove aarch64-linux-gnu --suite bookworm");
    assertThatThrownBy(() -> store.add(dev.crosskit.target.TargetResolver.builtIn().target("aarch64-linux-gnu"),
        DebianSuites.builtIn().suite("bookworm"), java.util.List.of("zlib1g-dev")))
        .isInstanceOf(dev.crosskit.base.BadInputException.class).hasMessageContaining("is not a Debian package name");
  }

  /** No suite crosskit uses has riscv64: said before apt runs (the runner is null), with what works instead. */
  @Test
  void riscv64GlibcPackagesAreRefusedSayingNoSuiteHasTheArchitecture() {
    SysrootStore store = new SysrootStore(home, null, m -> {});
    var riscv = dev.crosskit.target.TargetResolver.builtIn().target("riscv64-linux-gnu");
    for (String floor : new String[] {null, "2.31"}) {
      assertThatThrownBy(() -> store.ensure(riscv, floor, List.of("zlib1g-dev")))
          .isInstanceOf(dev.crosskit.base.BadInputException.class)
          .hasMessageStartingWith("Debian " + (floor == null ? "bookworm" : "bullseye") + " has no riscv64 packages,"
              + " nor does any suite crosskit uses (bookworm, bullseye)")
          .hasMessageContaining("riscv64-linux-musl");
    }
    assertThat(store.list()).isEmpty();
  }
}
