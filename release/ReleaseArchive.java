import dev.crosskit.pack.ArchiveEntry;
import dev.crosskit.pack.Archives;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a directory tree as a tar.gz with crosskit's own deterministic archive writer (the one
 * behind 'crosskit package'): entries sorted by name, owner root, one mtime, modes 0755 for
 * executables and 0644 for the rest, a fixed gzip header. The archive's top directory is the
 * tree's own name. Symbolic links are stored as the files they point to.
 *
 * <p>Run by bin/release: {@code java -cp crosskit.jar release/ReleaseArchive.java DIR OUT.tar.gz EPOCH}
 */
final class ReleaseArchive {
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ReleaseArchive DIR OUT.tar.gz SOURCE_DATE_EPOCH");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath().normalize();
    Path out = Path.of(args[1]).toAbsolutePath();
    long epoch = Long.parseLong(args[2]);
    String top = dir.getFileName().toString();
    List<ArchiveEntry> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (Files.isRegularFile(p)) {
          boolean executable = Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_EXECUTE);
          entries.add(new ArchiveEntry(top + "/" + dir.relativize(p), p, executable));
        }
      }
    }
    // written beside the target and moved into place, so a half-written archive is never seen
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try (OutputStream o = Files.newOutputStream(partial)) {
      Archives.tarGz(entries, epoch, o);
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
