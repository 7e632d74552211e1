package dev.crosskit.build;

import dev.crosskit.base.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A project's source files: everything under its directory except version-control metadata and
 * build output ({@code .git}, {@code target}, {@code build*} directories at the top), and
 * anything that is not a regular file or a symlink (FIFOs, sockets, devices). Copies keep
 * symlinks as symlinks; the fingerprint hashes paths, modes and contents, so an unchanged
 * tree has an unchanged fingerprint.
 */
public final class SourceTree {
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "target", ".cache");

  private final Path root;

  public SourceTree(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The files of the tree, relative to its root, sorted. */
  public List<Path> files() {
    List<Path> out = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && skipped(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          // FIFOs, sockets and devices are not sources: opening a FIFO to hash or copy it blocks forever
          if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
            out.add(root.relativize(file));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the source tree " + root, e);
    }
    out.sort(null);
    return out;
  }

  private boolean skipped(Path dir) {
    String name = dir.getFileName().toString();
    return SKIPPED_DIRS.contains(name) || dir.getParent().equals(root) && name.startsWith("build")
        && Files.exists(dir.resolve("CMakeCache.txt"));
  }

  /** SHA-256 over every file's path, executable bit and content. */
  public String fingerprint() {
    try {
      MessageDigest md = Digests.sha256();
      byte[] buf = new byte[64 * 1024];
      for (Path rel : files()) {
        Path file = root.resolve(rel);
        md.update(rel.toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        if (Files.isSymbolicLink(file)) {
          md.update(("->" + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8));
          continue;
        }
        md.update((byte) (Files.isExecutable(file) ? 1 : 0));
        try (InputStream in = Files.newInputStream(file)) {
          int n;
          while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the source tree " + root, e);
    }
  }

  /** Copies the tree into {@code dest} (created; must not be inside an included part of the tree). */
  public void copyTo(Path dest) {
    try {
      Files.createDirectories(dest);
      for (Path rel : files()) {
        Path from = root.resolve(rel);
        Path to = dest.resolve(rel.toString());
        Files.createDirectories(to.getParent());
        if (Files.isSymbolicLink(from)) {
          Files.createSymbolicLink(to, Files.readSymbolicLink(from));
        } else {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the sources to " + dest, e);
    }
  }
}
