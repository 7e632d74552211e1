package dev.crosskit.sdk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Stand-in SDK directories and archives for the SDK tests: only the files crosskit looks at
 * (SDKSettings.json, usr/lib/libSystem.tbd), a header and a relative symlink, as Apple's SDKs
 * have. No Apple file is involved.
 */
final class SdkFiles {
  private SdkFiles() {}

  /** Writes a stand-in {@code MacOSX<version>.sdk} under {@code parent}; archs may be empty (not listed). */
  static Path sdk(Path parent, String version, String... archs) throws IOException {
    Path root = Files.createDirectories(parent.resolve("MacOSX" + version + ".sdk"));
    String list = String.join(", ", Stream.of(archs).map(a -> "\"" + a + "\"").toList());
    Files.writeString(root.resolve("SDKSettings.json"), "{\"CanonicalName\": \"macosx" + version + "\", \"Version\": \""
        + version + "\"" + (archs.length == 0 ? "" : ", \"SupportedTargets\": {\"macosx\": {\"Archs\": [" + list
        + "], \"MinimumDeploymentTarget\": \"10.13\"}}") + "}\n");
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createDirectories(root.resolve("usr/include"));
    Files.writeString(root.resolve("usr/lib/libSystem.tbd"), "--- !tapi-tbd\ntbd-version: 4\n...\n");
    Files.writeString(root.resolve("usr/include/stdio.h"), "int puts(const char *);\n");
    Files.createSymbolicLink(root.resolve("usr/lib/libc.tbd"), Path.of("libSystem.tbd"));
    return root;
  }

  /** A tar of {@code dir} (entries named {@code <dir name>/...}), compressed: none, gz, xz or bz2. */
  static Path tar(Path dir, Path archive, String compression) throws IOException {
    return tar(dir, dir.getParent(), archive, compression);
  }

  /** A tar of what is in {@code dir} (entries named relative to it). */
  static Path tarContents(Path dir, Path archive, String compression) throws IOException {
    return tar(dir, dir, archive, compression);
  }

  private static Path tar(Path dir, Path base, Path archive, String compression) throws IOException {
    try (OutputStream file = Files.newOutputStream(archive);
        OutputStream out = switch (compression) {
          case "gz" -> new GzipCompressorOutputStream(file);
          case "xz" -> new XZCompressorOutputStream(file);
          case "bz2" -> new BZip2CompressorOutputStream(file);
          default -> file;
        };
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      List<Path> all;
      try (Stream<Path> s = Files.walk(dir)) {
        all = s.sorted().toList();
      }
      for (Path p : all) {
        String name = base.relativize(p).toString();
        if (name.isEmpty()) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          e.setLinkName(Files.readSymbolicLink(p).toString());
          tar.putArchiveEntry(e);
        } else if (Files.isDirectory(p)) {
          tar.putArchiveEntry(new TarArchiveEntry(name + "/"));
        } else {
          TarArchiveEntry e = new TarArchiveEntry(name);
          e.setSize(Files.size(p));
          tar.putArchiveEntry(e);
          Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }

  /** A tar holding exactly the crafted entries: files (name, content) or symlinks (name, "-> target"). */
  static Path crafted(Path archive, String... nameAndContent) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      for (int i = 0; i < nameAndContent.length; i += 2) {
        String name = nameAndContent[i];
        String content = nameAndContent[i + 1];
        if (content.startsWith("-> ")) {
          TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
          e.setLinkName(content.substring(3));
          tar.putArchiveEntry(e);
        } else {
          byte[] data = content.getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true); // absolute names kept as crafted
          e.setSize(data.length);
          tar.putArchiveEntry(e);
          tar.write(data);
        }
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }
}
