package dev.crosskit.sysroot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks the files of Debian packages (the {@code data.tar.*} member of the .deb ar archive)
 * into a directory, without ever writing outside it: entries with {@code ..} or an absolute
 * name are refused, absolute symlinks are rewritten to point inside the directory, relative
 * symlinks that lead out of it are refused, and nothing is written through a symlink that
 * resolves outside.
 */
public final class DebExtractor {
  private DebExtractor() {}

  /** Extracts the data of one .deb into {@code root} (which must exist). */
  public static void extractDeb(Path deb, Path root) {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(deb));
        ArArchiveInputStream ar = new ArArchiveInputStream(file)) {
      ArArchiveEntry entry;
      while ((entry = ar.getNextEntry()) != null) {
        String name = entry.getName();
        if (name.startsWith("data.tar")) {
          extractTar(decompress(name, ar, deb), root, deb.getFileName().toString());
          return;
        }
      }
      throw new UnsafeArchiveException(deb.getFileName() + " is not a Debian package: it has no data.tar member");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + deb, e);
    }
  }

  private static InputStream decompress(String member, InputStream in, Path deb) throws IOException {
    if (member.equals("data.tar")) {
      return in;
    }
    if (member.endsWith(".xz")) {
      return new XZCompressorInputStream(in);
    }
    if (member.endsWith(".gz")) {
      return new GzipCompressorInputStream(in);
    }
    // Debian's own archive uses xz; zstd (Ubuntu) would need zstd-jni on the class path.
    throw new UnsafeArchiveException(deb.getFileName() + ": unsupported compression of " + member);
  }

  /** Extracts a tar stream into {@code root}; {@code origin} names the archive in error messages. */
  public static void extractTar(InputStream tarStream, Path root, String origin) throws IOException {
    extractTar(tarStream, root, origin, name -> true);
  }

  /**
   * Extracts the entries of a tar stream whose safe relative name {@code wanted} accepts (the
   * others are read past), with the same checks as {@link #extractTar(InputStream, Path, String)}.
   */
  public static void extractTar(InputStream tarStream, Path root, String origin, Predicate<String> wanted)
      throws IOException {
    Path base = root.toRealPath();
    TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      String rel = safeRelativeName(entry.getName(), origin);
      if (rel.isEmpty() || !wanted.test(rel)) {
        continue; // "./" itself, or a part the caller does not need
      }
      Path target = base.resolve(rel);
      if (entry.isDirectory()) {
        makeDirectories(base, target, origin, rel);
      } else if (entry.isSymbolicLink()) {
        makeDirectories(base, target.getParent(), origin, rel);
        writeSymlink(base, target, entry.getLinkName(), origin, rel);
      } else if (entry.isLink()) {
        makeDirectories(base, target.getParent(), origin, rel);
        Path existing = base.resolve(safeRelativeName(entry.getLinkName(), origin));
        checkInside(base, existing, origin, entry.getLinkName());
        replace(target);
        Files.copy(existing, target);
      } else if (entry.isFile()) {
        makeDirectories(base, target.getParent(), origin, rel);
        replace(target);
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          tar.transferTo(out);
        }
        Files.setPosixFilePermissions(target, permissions(entry.getMode()));
      }
      // Devices and FIFOs have no place in a sysroot: skipped.
    }
  }

  /**
   * The entry name relative to the root: {@code ./usr/lib/x} gives {@code usr/lib/x}. Refuses
   * absolute names and any {@code ..} component rather than trying to make sense of them.
   */
  static String safeRelativeName(String name, String origin) {
    if (name.indexOf('\0') >= 0 || name.startsWith("/")) {
      throw new UnsafeArchiveException("refused " + origin + ": entry '" + name + "' has an absolute path");
    }
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    StringBuilder sb = new StringBuilder();
    for (String part : n.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new UnsafeArchiveException("refused " + origin + ": entry '" + name + "' climbs out with '..'");
      }
      if (!sb.isEmpty()) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /**
   * Writes a symlink. An absolute target ({@code /lib/aarch64-linux-gnu/libz.so.1}) means the
   * same file inside the sysroot, so it becomes a relative link; a relative target that leads
   * outside the root is refused.
   */
  private static void writeSymlink(Path base, Path link, String linkTarget, String origin, String rel)
      throws IOException {
    String targetText = linkTarget;
    if (targetText.startsWith("/")) {
      Path inside = base.resolve(safeRelativeName("." + targetText, origin));
      targetText = link.getParent().relativize(inside).toString();
      if (targetText.isEmpty()) {
        targetText = ".";
      }
    }
    Path resolved = link.getParent().resolve(targetText).normalize();
    if (!resolved.startsWith(base)) {
      throw new UnsafeArchiveException("refused " + origin + ": symlink '" + rel + "' -> '" + linkTarget
          + "' points outside the sysroot");
    }
    replace(link);
    Files.createSymbolicLink(link, link.getFileSystem().getPath(targetText));
  }

  /** Creates {@code dir} and its parents after checking that the deepest existing one really is inside. */
  private static void makeDirectories(Path base, Path dir, String origin, String rel) throws IOException {
    Path existing = dir;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new UnsafeArchiveException("refused " + origin + ": entry '" + rel + "' has no parent inside the sysroot");
    }
    checkInside(base, existing, origin, rel);
    Files.createDirectories(dir);
    checkInside(base, dir, origin, rel);
  }

  /** Fails unless {@code path}, with every symlink on the way resolved, lies inside {@code base}. */
  private static void checkInside(Path base, Path path, String origin, String rel) throws IOException {
    Path real;
    try {
      real = path.toRealPath();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UnsafeArchiveException("refused " + origin + ": entry '" + rel + "' goes through a dangling symlink");
    }
    if (!real.startsWith(base)) {
      throw new UnsafeArchiveException("refused " + origin + ": entry '" + rel + "' would be written outside the sysroot (through "
          + path + ")");
    }
  }

  /** Removes what is at {@code path} (a file or a symlink, never following it) so a new entry can take its place. */
  private static void replace(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(path + " is a directory in one package and a file in another");
    }
    Files.deleteIfExists(path);
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    if ((mode & 0444) != 0) {
      p.add(PosixFilePermission.GROUP_READ);
      p.add(PosixFilePermission.OTHERS_READ);
    }
    if ((mode & 0111) != 0) {
      p.add(PosixFilePermission.OWNER_EXECUTE);
      p.add(PosixFilePermission.GROUP_EXECUTE);
      p.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    return p; // setuid/setgid bits are never carried over
  }

  /**
   * After extraction: every symlink under {@code root} whose target exists must resolve inside
   * it. Chains of individually harmless links ({@code a -> .}, {@code b -> a/..}) can still lead
   * out; this catches them before the sysroot is put in place.
   */
  public static void verifySymlinks(Path root) {
    try {
      Path base = root.toRealPath();
      Files.walkFileTree(base, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (attrs.isSymbolicLink() && Files.exists(file) && !file.toRealPath().startsWith(base)) {
            throw new UnsafeArchiveException("refused: symlink '" + base.relativize(file) + "' -> '"
                + Files.readSymbolicLink(file) + "' resolves outside the sysroot");
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the symlinks of " + root, e);
    }
  }
}
