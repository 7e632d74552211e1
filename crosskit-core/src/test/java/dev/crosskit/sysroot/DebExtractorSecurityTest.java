package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.Deletion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted archives that try to write outside the sysroot: every one is refused and the
 * directory next to the sysroot stays exactly as it was.
 */
class DebExtractorSecurityTest {
  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void dirs() throws IOException {
    root = Files.createDirectories(tmp.resolve("cache/sysroots/t-bookworm"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("victim"), "original");
  }

  /** One tar entry: a file (content), a directory (name ends with /), a symlink or a hard link. */
  record E(String name, byte type, String linkOrContent) {
    static E file(String name, String content) {
      return new E(name, TarConstants.LF_NORMAL, content);
    }

    static E dir(String name) {
      return new E(name, TarConstants.LF_DIR, null);
    }

    static E symlink(String name, String target) {
      return new E(name, TarConstants.LF_SYMLINK, target);
    }

    static E hardlink(String name, String target) {
      return new E(name, TarConstants.LF_LINK, target);
    }
  }

  static byte[] tar(E... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (E e : entries) {
        TarArchiveEntry te = new TarArchiveEntry(e.name(), e.type(), true); // keep absolute names as crafted
        if (e.type() == TarConstants.LF_SYMLINK || e.type() == TarConstants.LF_LINK) {
          te.setLinkName(e.linkOrContent());
          tar.putArchiveEntry(te);
        } else if (e.type() == TarConstants.LF_DIR) {
          te.setMode(040755);
          tar.putArchiveEntry(te);
        } else {
          byte[] data = e.linkOrContent().getBytes(StandardCharsets.UTF_8);
          te.setSize(data.length);
          te.setMode(0100755);
          tar.putArchiveEntry(te);
          tar.write(data);
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A .deb (ar: debian-binary, control.tar.xz, data.tar.xz) around the given data tar. */
  Path deb(String name, byte[] dataTar) throws IOException {
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    try (XZCompressorOutputStream out = new XZCompressorOutputStream(xz)) {
      out.write(dataTar);
    }
    ByteArrayOutputStream control = new ByteArrayOutputStream();
    try (XZCompressorOutputStream out = new XZCompressorOutputStream(control)) {
      out.write(tar(E.file("./control", "Package: x\n")));
    }
    Path deb = tmp.resolve(name);
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
      member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      member(ar, "control.tar.xz", control.toByteArray());
      member(ar, "data.tar.xz", xz.toByteArray());
    }
    return deb;
  }

  private static void member(ArArchiveOutputStream ar, String name, byte[] data) throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(name, data.length));
    ar.write(data);
    ar.closeArchiveEntry();
  }

  void extract(E... entries) throws IOException {
    DebExtractor.extractTar(new ByteArrayInputStream(tar(entries)), root, "crafted.tar");
  }

  /** Everything under tmp except the sysroot itself: must not change. */
  List<String> outsideListing() throws IOException {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.filter(p -> !p.startsWith(root)).map(p -> tmp.relativize(p).toString()).sorted().toList();
    }
  }

  void assertNothingOutside(List<String> before) throws IOException {
    assertThat(outsideListing()).isEqualTo(before);
    assertThat(Files.readString(outside.resolve("victim"))).isEqualTo("original");
  }

  @Test
  void dotDotEntryIsRefused() throws IOException {
    List<String> before = outsideListing();
    assertThatThrownBy(() -> extract(E.file("./usr/../../../outside/victim", "owned")))
        .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("'..'");
    assertThatThrownBy(() -> extract(E.file("../evil", "owned"))).isInstanceOf(UnsafeArchiveException.class);
    assertNothingOutside(before);
  }

  @Test
  void absoluteEntryIsRefused() throws IOException {
    List<String> before = outsideListing();
    assertThatThrownBy(() -> extract(E.file(outside.resolve("victim").toString(), "owned")))
        .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("absolute path");
    assertNothingOutside(before);
  }

  @Test
  void relativeSymlinkOutOfTheSysrootIsRefused() throws IOException {
    List<String> before = outsideListing();
    assertThatThrownBy(() -> extract(E.dir("./usr/"), E.symlink("./usr/escape", "../../../../outside")))
        .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("points outside");
    assertThat(root.resolve("usr/escape")).doesNotExist();
    assertNothingOutside(before);
  }

  @Test
  void absoluteSymlinkIsRewrittenIntoTheSysrootAndWritesThroughItStayInside() throws IOException {
    List<String> before = outsideListing();
    extract(E.dir("." + outside + "/"), E.symlink("./evil", outside.toString()), E.file("./evil/victim", "inside"));
    Path link = root.resolve("evil");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link).isAbsolute()).isFalse();
    assertThat(link.toRealPath()).startsWith(root.toRealPath());
    assertThat(Files.readString(root.resolve(outside.toString().substring(1)).resolve("victim"))).isEqualTo("inside");
    assertNothingOutside(before);
  }

  @Test
  void writingThroughADanglingSymlinkIsRefused() throws IOException {
    List<String> before = outsideListing();
    assertThatThrownBy(() -> extract(E.symlink("./evil", outside.resolve("new").toString()), E.file("./evil/x", "x")))
        .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("dangling");
    assertNothingOutside(before);
  }

  @Test
  void chainOfInnocentLookingSymlinksCannotLeadOut() throws IOException {
    List<String> before = outsideListing();
    // "a" is the root itself, so "a/.." is the root's parent although it reads as inside.
    assertThatThrownBy(() -> extract(E.symlink("./a", "."), E.symlink("./b", "a/.."), E.file("./b/outside/victim", "owned")))
        .isInstanceOf(UnsafeArchiveException.class);
    assertNothingOutside(before);
    // Even when nothing is written through it, such a link keeps the sysroot from being installed.
    Deletion.tree(root);
    Files.createDirectories(root);
    extract(E.symlink("./a", "."), E.symlink("./b", "a/.."));
    assertThatThrownBy(() -> DebExtractor.verifySymlinks(root)).isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("resolves outside");
  }

  @Test
  void hardLinkToAFileOutsideIsRefused() throws IOException {
    List<String> before = outsideListing();
    assertThatThrownBy(() -> extract(E.hardlink("./copy", "../../../outside/victim")))
        .isInstanceOf(UnsafeArchiveException.class);
    assertThatThrownBy(() -> extract(E.hardlink("./copy", outside.resolve("victim").toString())))
        .isInstanceOf(UnsafeArchiveException.class);
    assertThat(root.resolve("copy")).doesNotExist();
    assertNothingOutside(before);
  }

  @Test
  void existingSymlinkIsReplacedNotWrittenThrough() throws IOException {
    List<String> before = outsideListing();
    // A link that is inside (rewritten), then a file of the same name: the file replaces the link.
    extract(E.symlink("./lib.so", "/usr/lib/lib.so.1"), E.file("./lib.so", "real"));
    assertThat(Files.isSymbolicLink(root.resolve("lib.so"))).isFalse();
    assertThat(Files.readString(root.resolve("lib.so"))).isEqualTo("real");
    assertNothingOutside(before);
  }

  @Test
  void craftedDebIsRefusedAndNoSysrootIsInstalled() throws IOException {
    Path evil = deb("evil_1.0_arm64.deb", tar(E.dir("./usr/"), E.file("./usr/ok", "fine"),
        E.symlink("./usr/lib", "../../outside")));
    List<String> before = outsideListing();
    SysrootStore store = new SysrootStore(tmp.resolve("cache"), null, m -> {});
    Sysroot s = new Sysroot("t", "bookworm", "glibc", "arm64", "aarch64-linux-gnu",
        tmp.resolve("cache/sysroots/t-trixie").toString(), List.of("evil"), List.of(), "2.36", null, "debian", "now");
    assertThatThrownBy(() -> store.install(s, staging -> DebExtractor.extractDeb(evil, staging)))
        .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("evil_1.0_arm64.deb");
    assertThat(tmp.resolve("cache/sysroots/t-trixie")).doesNotExist();
    try (Stream<Path> s2 = Files.list(tmp.resolve("cache/sysroots"))) {
      assertThat(s2.map(p -> p.getFileName().toString())).containsExactly("t-bookworm"); // no staging left over
    }
    assertNothingOutside(before);
  }

  @Test
  void wellFormedDebIsUnpackedWithModesAndLinks() throws IOException {
    Path good = deb("good_1.0_arm64.deb", tar(E.dir("./"), E.dir("./usr/"), E.dir("./usr/bin/"),
        E.file("./usr/bin/tool", "#!/bin/sh\n"), E.dir("./lib/"), E.file("./lib/libx.so.1", "ELF"),
        E.symlink("./usr/libx.so", "/lib/libx.so.1"), E.symlink("./usr/rel", "bin/tool")));
    DebExtractor.extractDeb(good, root);
    DebExtractor.verifySymlinks(root);
    assertThat(Files.isExecutable(root.resolve("usr/bin/tool"))).isTrue();
    assertThat(Files.readSymbolicLink(root.resolve("usr/libx.so")).toString()).isEqualTo("../lib/libx.so.1");
    assertThat(Files.readString(root.resolve("usr/libx.so"))).isEqualTo("ELF");
    assertThat(Files.readString(root.resolve("usr/rel"))).isEqualTo("#!/bin/sh\n");
  }

  @Test
  void notADebIsRejected() throws IOException {
    Path junk = tmp.resolve("junk.deb");
    Files.writeString(junk, "not an ar archive at all");
    assertThatThrownBy(() -> DebExtractor.extractDeb(junk, root)).isInstanceOfAny(UnsafeArchiveException.class,
        java.io.UncheckedIOException.class);
  }
}
