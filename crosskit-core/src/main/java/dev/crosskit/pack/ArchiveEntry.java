package dev.crosskit.pack;

import java.nio.file.Path;

/**
 * One file to put in an archive or image layer.
 *
 * @param name the path inside the archive, '/'-separated, without a leading '/'
 * @param source the file on disk whose bytes are stored
 * @param executable stored with mode 0755 when true, else 0644 (the only two modes archives get)
 */
public record ArchiveEntry(String name, Path source, boolean executable) {
  public ArchiveEntry {
    if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
      throw new IllegalArgumentException("bad archive entry name: " + name);
    }
  }

  public int mode() {
    return executable ? 0755 : 0644;
  }
}
