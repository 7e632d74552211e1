package dev.crosskit.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.Digests;
import dev.crosskit.base.UserException;
import dev.crosskit.exec.ProcessRunner;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crates taken from an orig tarball: only the locked ones, each checked against its checksums, links refused. */
class VendoredCratesTest {
  @TempDir Path dir;
  private static final String LIB_RS = "pub fn f() {}\n";
  private static final String MANIFEST = "[package]\nname = \"tiny\"\nversion = \"1.0.0\"\n";
  private static final String CRATE_SUM = "aa".repeat(32);

  private static String checksums(Map<String, String> files, String pkg) {
    StringBuilder sb = new StringBuilder("{\"files\":{");
    List<String> parts = new ArrayList<>();
    files.forEach((k, v) -> parts.add("\"" + k + "\":\"" + Digests.sha256(v.getBytes(StandardCharsets.UTF_8)) + "\""));
    return sb.append(String.join(",", parts)).append("},\"package\":\"").append(pkg).append("\"}").toString();
  }

  private static Map<String, String> tinyFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("Cargo.toml", MANIFEST);
    files.put("src/lib.rs", LIB_RS);
    return files;
  }

  /** A tarball shaped like Debian's: rustc-X-src/vendor/<crate>/..., plus a crate the lock does not name. */
  private Path tarball(Map<String, String> entries, String symlink) throws Exception {
    Path t = dir.resolve("rustc-web_9.9.9+dfsg1.orig.tar.xz");
    try (OutputStream out = Files.newOutputStream(t);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> e : entries.entrySet()) {
        byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("rustc-9.9.9-src/" + e.getKey());
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
      }
      if (symlink != null) {
        TarArchiveEntry link = new TarArchiveEntry("rustc-9.9.9-src/" + symlink, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("/etc/passwd");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
    }
    return t;
  }

  private Map<String, String> entries(String libRs) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("vendor/tiny-1.0.0/Cargo.toml", MANIFEST);
    e.put("vendor/tiny-1.0.0/src/lib.rs", libRs);
    e.put("vendor/tiny-1.0.0/.cargo-checksum.json", checksums(tinyFiles(), CRATE_SUM));
    e.put("vendor/unlocked-2.0.0/Cargo.toml", "[package]\n");
    e.put("library/std/src/lib.rs", "// not a crate\n");
    return e;
  }

  private VendoredCrates.Outcome unpack(Path tarball, List<CargoLock.Crate> lock) {
    Path src = dir.resolve("src-root");
    return VendoredCrates.unpack(tarball, lock, new DebianPatches(src, new ProcessRunner()), dir.resolve("out/vendor"),
        line -> { });
  }

  @Test
  void unpacksOnlyLockedCratesAndVerifiesThem() throws Exception {
    List<CargoLock.Crate> lock = List.of(new CargoLock.Crate("tiny", "1.0.0", CRATE_SUM),
        new CargoLock.Crate("windows-sys", "0.59.0", "bb".repeat(32)));
    VendoredCrates.Outcome o = unpack(tarball(entries(LIB_RS), null), lock);
    assertThat(o.crates()).containsExactly("tiny-1.0.0");
    assertThat(o.absent()).containsExactly("windows-sys-0.59.0");
    assertThat(o.files()).isEqualTo(2);
    Path vendor = dir.resolve("out/vendor");
    assertThat(vendor.resolve("tiny-1.0.0/src/lib.rs")).hasContent(LIB_RS);
    assertThat(vendor.resolve("unlocked-2.0.0")).doesNotExist();
    assertThat(vendor.resolve(VendoredCrates.DONE)).exists();
    assertThat(dir.resolve("out")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
  }

  @Test
  void aChangedFileIsRefusedAndNothingIsInstalled() throws Exception {
    Path t = tarball(entries("pub fn f() { evil() }\n"), null);
    assertThatThrownBy(() -> unpack(t, List.of(new CargoLock.Crate("tiny", "1.0.0", CRATE_SUM))))
        .isInstanceOf(UserException.class).hasMessageContaining("src/lib.rs does not match its checksum");
    assertThat(dir.resolve("out/vendor")).doesNotExist();
  }

  @Test
  void aCrateOtherThanTheLockedOneIsRefused() throws Exception {
    Path t = tarball(entries(LIB_RS), null);
    assertThatThrownBy(() -> unpack(t, List.of(new CargoLock.Crate("tiny", "1.0.0", "cc".repeat(32)))))
        .isInstanceOf(UserException.class).hasMessageContaining("not the one library/Cargo.lock names");
  }

  @Test
  void anUnlistedFileIsRefused() throws Exception {
    Map<String, String> e = entries(LIB_RS);
    e.put("vendor/tiny-1.0.0/build.rs", "fn main() {}\n");
    Path t = tarball(e, null);
    assertThatThrownBy(() -> unpack(t, List.of(new CargoLock.Crate("tiny", "1.0.0", CRATE_SUM))))
        .isInstanceOf(UserException.class).hasMessageContaining("build.rs, which its .cargo-checksum.json does not list");
  }

  @Test
  void aLinkInACrateIsRefused() throws Exception {
    Path t = tarball(entries(LIB_RS), "vendor/tiny-1.0.0/src/passwd");
    assertThatThrownBy(() -> unpack(t, List.of(new CargoLock.Crate("tiny", "1.0.0", CRATE_SUM))))
        .isInstanceOf(UserException.class).hasMessageContaining("is not a plain file");
    assertThat(dir.resolve("out/vendor")).doesNotExist();
  }

  @Test
  void anEntryClimbingOutIsRefused() throws Exception {
    Map<String, String> e = entries(LIB_RS);
    e.put("vendor/tiny-1.0.0/../../escaped", "x");
    Path t = tarball(e, null);
    assertThatThrownBy(() -> unpack(t, List.of(new CargoLock.Crate("tiny", "1.0.0", CRATE_SUM))))
        .isInstanceOf(UserException.class).hasMessageContaining("leaves its crate");
    assertThat(dir.resolve("escaped")).doesNotExist();
  }
}
