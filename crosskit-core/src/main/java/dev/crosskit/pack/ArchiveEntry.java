package dev.crosskit.pack;

import java.nio.file.Path;

/**
 * One file to put in an archive or image layer.
 *
 * @param name the path inside the archive, '/'-separated, without a leading '/'
 * @param source the file on disk whose bytes are stored
 * @param executable stored with mode 0755 when true, else 0644 (the only two modes archives get)
 * @param linkTarget for a symlink, the name of the file beside it that it points at (a tar then
 *     stores the link; a zip, which has no links, stores {@code source}'s bytes); else null
 */
public record ArchiveEntry(String name, Path source, boolean executable, String linkTarget) {
  public ArchiveEntry {
    if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
      throw new IllegalArgumentException("bad archive entry name: " + name);
    }
    if (linkTarget != null && (linkTarget.isEmpty() || linkTarget.contains("/") || linkTarget.equals("..")
        || linkTarget.equals("."))) {
      throw new IllegalArgumentException("an archive link points only at a file beside it, not at " + linkTarget);
    }
  }

  public ArchiveEntry(String name, Path source, boolean executable) {
    this(name, source, executable, null);
  }

  public int mode() {
    return executable ? 0755 : 0644;
  }
}
