package dev.crosskit.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Deterministic tar, tar.gz and zip writers: entries sorted by name, parent directories
 * added explicitly, owner and group 0/root, one fixed mtime, modes 0755 or 0644. A symlink entry
 * stays a link in a tar; a zip stores the bytes of the file it points at. The same
 * entries and mtime always give the same bytes (for a given zlib, which does the deflating).
 */
public final class Archives {
  private Archives() {}

  /** Writes a plain tar of the entries (and their parent directories) to {@code out}. */
  public static void tar(List<ArchiveEntry> entries, long mtimeSeconds, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    java.util.Date mtime = new java.util.Date(mtimeSeconds * 1000);
    for (String dir : parentDirectories(entries)) {
      TarArchiveEntry e = new TarArchiveEntry(dir + "/", TarArchiveEntry.LF_DIR, true);
      fixOwnership(e, 040755, mtime);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }
    for (ArchiveEntry a : sorted(entries)) {
      if (a.linkTarget() != null) {
        TarArchiveEntry link = new TarArchiveEntry(a.name(), TarArchiveEntry.LF_SYMLINK, true);
        link.setLinkName(a.linkTarget());
        fixOwnership(link, 0120777, mtime);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
        continue;
      }
      TarArchiveEntry e = new TarArchiveEntry(a.name(), true);
      fixOwnership(e, 0100000 | a.mode(), mtime);
      e.setSize(Files.size(a.source()));
      tar.putArchiveEntry(e);
      Files.copy(a.source(), tar);
      tar.closeArchiveEntry();
    }
    tar.finish();
  }

  /** Writes a gzip-compressed tar with a fixed gzip header. */
  public static void tarGz(List<ArchiveEntry> entries, long mtimeSeconds, OutputStream out) throws IOException {
    DeterministicGzip gz = new DeterministicGzip(out);
    tar(entries, mtimeSeconds, gz);
    gz.finish();
  }

  /**
   * Writes a zip. Times are stored as DOS local time taken from the UTC calendar of
   * {@code mtimeSeconds}, so the bytes do not depend on the host's time zone; no extra fields.
   */
  public static void zip(List<ArchiveEntry> entries, long mtimeSeconds, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
    LocalDateTime time = LocalDateTime.ofEpochSecond(Math.max(mtimeSeconds, 315_532_800L), 0, ZoneOffset.UTC);
    for (String dir : parentDirectories(entries)) {
      ZipEntry e = new ZipEntry(dir + "/");
      e.setTimeLocal(time);
      zip.putNextEntry(e);
      zip.closeEntry();
    }
    for (ArchiveEntry a : sorted(entries)) {
      ZipEntry e = new ZipEntry(a.name());
      e.setTimeLocal(time);
      zip.putNextEntry(e);
      Files.copy(a.source(), zip);
      zip.closeEntry();
    }
    zip.finish();
  }

  /** Writes with the format named by {@code format}: {@code tar.gz} or {@code zip}. */
  public static void write(String format, List<ArchiveEntry> entries, long mtimeSeconds, OutputStream out)
      throws IOException {
    switch (format) {
      case "tar.gz" -> tarGz(entries, mtimeSeconds, out);
      case "zip" -> zip(entries, mtimeSeconds, out);
      default -> throw new IllegalArgumentException("unknown archive format " + format);
    }
  }

  private static void fixOwnership(TarArchiveEntry e, int mode, java.util.Date mtime) {
    e.setMode(mode);
    e.setUserId(0);
    e.setGroupId(0);
    e.setUserName("root");
    e.setGroupName("root");
    e.setModTime(mtime);
  }

  private static List<ArchiveEntry> sorted(List<ArchiveEntry> entries) {
    List<ArchiveEntry> s = new ArrayList<>(entries);
    s.sort(Comparator.comparing(ArchiveEntry::name));
    for (int i = 1; i < s.size(); i++) {
      if (s.get(i).name().equals(s.get(i - 1).name())) {
        throw new IllegalArgumentException("two archive entries named " + s.get(i).name());
      }
    }
    return s;
  }

  private static TreeSet<String> parentDirectories(List<ArchiveEntry> entries) {
    TreeSet<String> dirs = new TreeSet<>();
    for (ArchiveEntry a : entries) {
      String n = a.name();
      for (int i = n.indexOf('/'); i > 0; i = n.indexOf('/', i + 1)) {
        dirs.add(n.substring(0, i));
      }
    }
    return dirs;
  }
}
