package dev.crosskit.base;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A directory written next to its final place and moved there only when complete, so a reader
 * never sees a half-written dist/, OCI layout, sysroot or Rust std. {@link #close} without a
 * commit removes it. The staging and replaced copies carry the writer's process id in their
 * names, so {@link #removeLeftovers} can tell an interrupted writer's from a running one's.
 */
public final class StagedDirectory implements AutoCloseable {
  private static final String PARTIAL = ".partial-";
  private static final String OLD = ".old-";

  private final Path target;
  private final Path staging;
  private boolean done;

  public StagedDirectory(Path target) throws IOException {
    this.target = target.toAbsolutePath().normalize();
    Files.createDirectories(this.target.getParent());
    // made plainly, so the user's umask decides who may read it, as for any directory
    this.staging = Files.createDirectory(sibling(PARTIAL));
  }

  /** Where to write the content. */
  public Path path() {
    return staging;
  }

  /** Replaces the target directory (if any) with the staged one. */
  public void commit() throws IOException {
    if (Files.exists(target)) {
      Path old = sibling(OLD);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      Deletion.tree(old);
    } else {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }
    done = true;
  }

  /**
   * Moves the staged directory into place unless the target exists already (another process
   * made the same content first); then the staged copy is dropped on {@link #close}.
   *
   * @return true when this copy became the target
   */
  public boolean commitUnlessPresent() throws IOException {
    if (Files.exists(target)) {
      return false;
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException madeMeanwhile) {
      return false;
    }
    done = true;
    return true;
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      Deletion.tree(staging);
    }
  }

  /**
   * Deletes what interrupted writers left next to {@code target}: staging directories and
   * replaced copies whose process is gone. A running writer's are left alone.
   */
  public static void removeLeftovers(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs.getParent())) {
      return;
    }
    String name = abs.getFileName().toString();
    try (Stream<Path> siblings = Files.list(abs.getParent())) {
      for (Path p : siblings.toList()) {
        String n = p.getFileName().toString();
        for (String kind : new String[] {PARTIAL, OLD}) {
          String prefix = "." + name + kind;
          if (n.startsWith(prefix) && !writerAlive(n.substring(prefix.length()))) {
            Deletion.tree(p);
          }
        }
      }
    }
  }

  /** {@code <pid>-<nanos>}: true when that process still runs (or the name is not one of ours). */
  private static boolean writerAlive(String suffix) {
    String[] parts = suffix.split("-");
    if (parts.length != 2 || !parts[0].matches("\\d{1,18}")) {
      return true;
    }
    return ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
  }

  private Path sibling(String kind) {
    return target.resolveSibling("." + target.getFileName() + kind + ProcessHandle.current().pid() + "-" + System.nanoTime());
  }
}
