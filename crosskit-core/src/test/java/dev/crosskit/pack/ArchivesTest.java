package dev.crosskit.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
  private static final long EPOCH = 1_700_000_000L;
  @TempDir Path dir;

  private List<ArchiveEntry> entries(String mode, long fileTime) throws IOException {
    Path bin = dir.resolve("bin-" + fileTime);
    Path doc = dir.resolve("doc-" + fileTime);
    Files.writeString(bin, "binary bytes");
    Files.writeString(doc, "readme");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString(mode));
    Files.setLastModifiedTime(bin, FileTime.fromMillis(fileTime));
    // given out of order: the archive sorts them
    return List.of(new ArchiveEntry("app-1.0/README", doc, false), new ArchiveEntry("app-1.0/app", bin, true));
  }

  private static byte[] tarGz(List<ArchiveEntry> e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Archives.tarGz(e, EPOCH, out);
    return out.toByteArray();
  }

  @Test
  void sameContentGivesSameBytesWhateverTheFilesModesAndTimes() throws IOException {
    byte[] a = tarGz(entries("rwx------", 1_000L));
    byte[] b = tarGz(entries("rwxrwxrwx", 9_999_000L));
    assertThat(a).isEqualTo(b);
    // gzip header: no name, mtime 0, OS 255
    assertThat(java.util.Arrays.copyOf(a, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
  }

  @Test
  void tarEntriesAreSortedRootOwnedWithFixedTimeAndNormalisedModes() throws IOException {
    List<String> seen = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
        new ByteArrayInputStream(tarGz(entries("rwx------", 1_000L)))))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        seen.add(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId() + ":"
            + e.getLongGroupId() + " " + e.getUserName() + " " + e.getModTime().getTime() / 1000);
      }
    }
    assertThat(seen).containsExactly(
        "app-1.0/ 40755 0:0 root 1700000000",
        "app-1.0/README 100644 0:0 root 1700000000",
        "app-1.0/app 100755 0:0 root 1700000000");
  }

  @Test
  void zipBytesDoNotDependOnTheTimeZone() throws IOException {
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      ByteArrayOutputStream utc = new ByteArrayOutputStream();
      Archives.zip(entries("rwxr-xr-x", 1L), EPOCH, utc);
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
      ByteArrayOutputStream india = new ByteArrayOutputStream();
      Archives.zip(entries("rwxr-xr-x", 2L), EPOCH, india);
      assertThat(utc.toByteArray()).isEqualTo(india.toByteArray());
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(utc.toByteArray()))) {
        List<String> names = new ArrayList<>();
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          names.add(e.getName() + " " + e.getTimeLocal());
        }
        assertThat(names).containsExactly("app-1.0/ 2023-11-14T22:13:20", "app-1.0/README 2023-11-14T22:13:20",
            "app-1.0/app 2023-11-14T22:13:20");
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void gzipRoundTripsLargeInput() throws IOException {
    byte[] data = new byte[300_000];
    new java.util.Random(7).nextBytes(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeterministicGzip gz = new DeterministicGzip(out)) {
      gz.write(data, 0, 1000);
      gz.write(data, 1000, data.length - 1000);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void rejectsUnsafeOrDuplicateNames() throws IOException {
    Path f = Files.writeString(dir.resolve("f"), "x");
    assertThatThrownBy(() -> new ArchiveEntry("../etc/passwd", f, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ArchiveEntry("/abs", f, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Archives.tar(List.of(new ArchiveEntry("a", f, false), new ArchiveEntry("a", f, true)),
        0, new ByteArrayOutputStream())).hasMessageContaining("two archive entries named a");
  }
  @Test
  void aLinkEntryIsALinkInATarAndTheFilesBytesInAZip() throws IOException {
    Path lib = dir.resolve("libx.so.1");
    Files.writeString(lib, "library bytes");
    List<ArchiveEntry> e = List.of(new ArchiveEntry("x/libx.so.1", lib, true),
        new ArchiveEntry("x/libx.so", lib, true, "libx.so.1"));
    List<String> seen = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tarGz(e))))) {
      for (TarArchiveEntry t = tar.getNextEntry(); t != null; t = tar.getNextEntry()) {
        seen.add(t.getName() + (t.isSymbolicLink() ? " -> " + t.getLinkName() : " " + t.getSize()));
      }
    }
    assertThat(seen).containsExactly("x/ 0", "x/libx.so -> libx.so.1", "x/libx.so.1 13");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    Archives.zip(e, EPOCH, zip);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
      in.getNextEntry();
      assertThat(in.getNextEntry().getName()).isEqualTo("x/libx.so");
      assertThat(new String(in.readAllBytes())).isEqualTo("library bytes");
    }
    assertThatThrownBy(() -> new ArchiveEntry("x/leak", lib, true, "/etc/shadow"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ArchiveEntry("x/leak", lib, true, "../../etc/shadow"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
