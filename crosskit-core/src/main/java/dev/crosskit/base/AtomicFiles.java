package dev.crosskit.base;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes files so that readers see either the old or the complete new content, never half: the
 * content goes to a temporary file beside the target, which is then renamed over it.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What goes into the file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path file, String content) throws IOException {
    write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** Streams the content into a temporary file, then moves it into place. */
  public static void write(Path file, Content content) throws IOException {
    write(file, content, false);
  }

  /**
   * Writes a script or program: executable from the moment it appears under its name (execute
   * bits added wherever the umask left a read bit).
   */
  public static void writeExecutable(Path file, String content) throws IOException {
    write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)), true);
  }

  private static void write(Path file, Content content, boolean executable) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    // not Files.createTempFile, which makes 0600 files: created plainly, the file gets the
    // permissions the user's umask gives any new file
    Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime()
        + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      if (executable) {
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(tmp));
        if (perms.contains(PosixFilePermission.OWNER_READ)) {
          perms.add(PosixFilePermission.OWNER_EXECUTE);
        }
        if (perms.contains(PosixFilePermission.GROUP_READ)) {
          perms.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
          perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(tmp, perms);
      }
      moveIntoPlace(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Copies a file (with its permissions and times) so that {@code to} is never seen half-copied. */
  public static void copy(Path from, Path to) throws IOException {
    Path abs = to.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      moveIntoPlace(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void moveIntoPlace(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // a file system without rename-over (rare for a sibling): a plain replace is the best left
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
