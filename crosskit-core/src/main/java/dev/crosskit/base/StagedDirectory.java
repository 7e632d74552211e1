package dev.crosskit.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory written next to its final place and moved there only when complete, so a reader
 * never sees a half-written dist/ or OCI layout. {@link #close} without {@link #commit} removes it.
 */
public final class StagedDirectory implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private boolean committed;

  public StagedDirectory(Path target) throws IOException {
    this.target = target.toAbsolutePath().normalize();
    Files.createDirectories(this.target.getParent());
    this.staging = Files.createTempDirectory(this.target.getParent(), "." + this.target.getFileName() + ".partial-");
    // temp directories are created 0700; the result should read like any other output directory
    Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Where to write the content. */
  public Path path() {
    return staging;
  }

  /** Replaces the target directory (if any) with the staged one. */
  public void commit() throws IOException {
    if (Files.exists(target)) {
      Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } else {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      deleteTree(staging);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    Deletion.tree(dir);
  }
}
