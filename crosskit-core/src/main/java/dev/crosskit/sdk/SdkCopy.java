package dev.crosskit.sdk;

import dev.crosskit.base.BadInputException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies an SDK directory into crosskit's cache with the rules archives are unpacked by: symlinks
 * are kept as links, an absolute one into the SDK itself becomes relative, and one that leads
 * out of the SDK is refused (the copy would otherwise depend on, or expose, files outside it).
 */
final class SdkCopy {
  private SdkCopy() {}

  /** @param from the SDK directory, symlinks resolved; @param to a directory that does not exist yet */
  static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path dest = to.resolve(from.relativize(file).toString());
        if (attrs.isSymbolicLink()) {
          Files.createSymbolicLink(dest, inside(from, file));
        } else if (attrs.isRegularFile()) {
          Files.copy(file, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
        // sockets, FIFOs and devices have no place in an SDK: skipped
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** The link's target, relative, after checking it stays inside the SDK. */
  private static Path inside(Path root, Path link) throws IOException {
    Path target = Files.readSymbolicLink(link);
    Path resolved = link.getParent().resolve(target).normalize();
    if (!resolved.startsWith(root)) {
      throw new BadInputException("refused to add " + root + ": symlink " + root.relativize(link) + " -> " + target
          + " points outside the SDK; nothing was added");
    }
    Path relative = link.getParent().relativize(resolved);
    return relative.toString().isEmpty() ? Path.of(".") : relative;
  }
}
