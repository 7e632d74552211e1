package dev.crosskit.rust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.Digests;
import dev.crosskit.base.Json;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.sysroot.DebianSuite;
import dev.crosskit.sysroot.PrivateApt;
import dev.crosskit.sysroot.SourcePackages;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route for a rust-web-src without vendored crates, on Debian's real archive: bookworm's
 * rustc-web 1.85.0+dfsg3-1~deb12u3 (whose rust-web-src ships none). The Sources index (read through
 * the private apt with a deb-src line) lists the orig tarball and the 883 MB stage0 one; only the
 * first is fetched (apt checks its SHA-256); the std's locked crates come out of it verified file
 * by file, Debian's patches for them applied, and the crates Debian removed reported absent.
 */
@Tag("integration")
class DebianRustSourceIntegrationTest {
  private static final String VERSION = "1.85.0+dfsg3-1~deb12u3";
  @TempDir Path dir;
  final List<String> messages = new ArrayList<>();

  @Test
  void bookwormsRustSourceGivesTheStdItsCratesVerifiedAndPatched() throws Exception {
    DebianSuite bookworm = new DebianSuite("bookworm", "12", "2.36", "1.2.3", List.of("bookworm"));
    PrivateApt apt = PrivateApt.sources(bookworm, "http://deb.debian.org/debian", dir.resolve("apt"), new ProcessRunner(),
        messages::add);
    apt.update(false);
    List<SourcePackages.SourceFile> files = apt.sourcePackages().sourceFiles("rustc-web", VERSION);
    assertThat(files).extracting(SourcePackages.SourceFile::name).contains("rustc-web_1.85.0+dfsg3.orig.tar.xz",
        "rustc-web_1.85.0+dfsg3.orig-stage0.tar.xz", "rustc-web_1.85.0+dfsg3-1~deb12u3.debian.tar.xz");
    List<SourcePackages.SourceFile> orig = files.stream().filter(StdSources::isMainOrigTarball).toList();
    assertThat(orig).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("rustc-web_1.85.0+dfsg3.orig.tar.xz");
      assertThat(f.size()).isLessThan(100_000_000L);
    });
    assertThat(apt.sourcePackages().sourceFiles("rustc-web", "0.0.1-1")).as("a version the suite does not have").isEmpty();

    Path tarball = apt.sourcePackages().fetch(orig.get(0), dir.resolve("dl"));
    assertThat(Digests.sha256(tarball)).isEqualTo(orig.get(0).sha256());
    // Debian's patches, as the 1.85 rust-web-src ships them next to library/ (from the same source package)
    Path debianTar = apt.sourcePackages().fetch(files.stream().filter(f -> f.name().endsWith(".debian.tar.xz")).findFirst().orElseThrow(),
        dir.resolve("dl"));
    Path sourceRoot = Files.createDirectories(dir.resolve("src"));
    untar(debianTar, name -> name.startsWith("debian/patches/"), name -> name, sourceRoot);
    untar(tarball, name -> name.equals("rustc-1.85.0-src/library/Cargo.lock"), name -> "library/Cargo.lock", sourceRoot);
    List<CargoLock.Crate> lock = CargoLock.registryCrates(sourceRoot.resolve("library/Cargo.lock"));

    Path vendor = dir.resolve("cache/vendor");
    VendoredCrates.Outcome outcome = VendoredCrates.unpack(tarball, lock,
        new DebianPatches(sourceRoot, new ProcessRunner()), vendor, messages::add);
    assertThat(outcome.crates()).contains("cfg-if-1.0.0", "libc-0.2.169", "compiler_builtins-0.1.140", "hashbrown-0.15.2")
        .hasSize(lock.size() - outcome.absent().size());
    assertThat(outcome.absent()).as("Debian removes the Windows import-library crates from its tarball")
        .allMatch(c -> c.startsWith("windows")).isNotEmpty();
    assertThat(outcome.files()).isGreaterThan(500);
    assertThat(outcome.patched()).contains("dlmalloc-0.2.7");
    String dlmalloc = Files.readString(vendor.resolve("dlmalloc-0.2.7/Cargo.toml"));
    assertThat(dlmalloc).as("Debian's patch drops the dependency on the removed crates").doesNotContain("windows-sys");
    // The patched crate's checksum file lists its files as they now are, so Cargo's own check passes
    JsonNode sums = Json.mapper().readTree(vendor.resolve("dlmalloc-0.2.7/.cargo-checksum.json").toFile());
    for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) sums.path("files")::fields) {
      assertThat(Digests.sha256(vendor.resolve("dlmalloc-0.2.7").resolve(f.getKey()))).as(f.getKey())
          .isEqualTo(f.getValue().asText());
    }
    assertThat(sums.path("package").asText()).isEqualTo(lock.stream().filter(c -> c.dirName().equals("dlmalloc-0.2.7"))
        .findFirst().orElseThrow().checksum());
    assertThat(vendor.resolve(VendoredCrates.DONE)).exists();
  }

  /** Writes the tarball's entries whose names pass {@code keep} under {@code root}, renamed by {@code to}. */
  private static void untar(Path tarball, Predicate<String> keep, java.util.function.UnaryOperator<String> to, Path root)
      throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball));
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        if (e.isFile() && !e.isSymbolicLink() && keep.test(name) && !name.contains("..")) {
          Path target = root.resolve(to.apply(name));
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      }
    }
  }
}
