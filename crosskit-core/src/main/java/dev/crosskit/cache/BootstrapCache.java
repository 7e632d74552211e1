package dev.crosskit.cache;

import dev.crosskit.base.Deletion;
import dev.crosskit.base.Digests;
import dev.crosskit.exec.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bootstrap part of the configure cache ({@code <home>/configure-cache/bootstrap/<key>/}): the
 * files a bootstrap step ({@code autoreconf -fi}) wrote into a target's copy of the sources. What
 * autoreconf writes depends on the sources and the installed autotools, not on the target, so one
 * bootstrap serves every target of a run and every later run of the same sources: a project
 * shipped without its configure script (libyaml: 2.4 s of autoreconf) no longer bootstraps once
 * per target and per rebuild.
 *
 * <p>The key ({@link #key}) is the step's argv, the source tree by content, the variables that
 * choose the autotools (PATH, AUTOCONF, ...) and the host's package database (a new automake or
 * libtool changes every key). An entry is a {@code tree/} of the files with their modes and
 * times (make compares a generated Makefile.in's time with its Makefile.am's, so the times the
 * bootstrap gave them must come back with them) and a manifest of their SHA-256; it is written
 * under a temporary name and renamed whole, and one whose files do not match their manifest is a
 * miss and is removed.
 */
public final class BootstrapCache {
  static final String DIR = "bootstrap";
  private static final String FORMAT = "crosskit bootstrap key 1";
  private static final String TREE = "tree";
  private static final String MANIFEST = "files.sha256";
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
  /** autoreconf's own cache of m4 traces: no build reads it. */
  private static final String AUTOM4TE_CACHE = "autom4te.cache";
  /** The variables that choose which autotools a bootstrap runs and where they find their macros. */
  private static final List<String> TOOL_VARIABLES = List.of("PATH", "AUTOCONF", "AUTOHEADER", "AUTOM4TE", "AUTOMAKE",
      "ACLOCAL", "ACLOCAL_PATH", "AUTOPOINT", "LIBTOOLIZE", "M4", "GTKDOCIZE", "INTLTOOLIZE", "AUTORECONF");
  private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path dir;

  /** The entries under the configure cache's directory ({@link ConfigureCache#bootstrap}). */
  BootstrapCache(Path configureCacheDir) {
    this.dir = configureCacheDir.resolve(DIR);
  }

  /** The key of a bootstrap {@code command} as it runs (its environment over this process's), on this host. */
  public static String key(Command command, String sourceFingerprint) throws IOException {
    return key(command.argv(), sourceFingerprint, new ConfigureKey().environment(command), ConfigureKey.DPKG_STATUS);
  }

  /**
   * The key of a bootstrap step.
   *
   * @param argv the step's command
   * @param sourceFingerprint the project's source tree by content ({@code SourceTree.fingerprint})
   * @param env the environment the step runs with
   * @param dpkgStatus the host's package database
   */
  public static String key(List<String> argv, String sourceFingerprint, Map<String, String> env, Path dpkgStatus)
      throws IOException {
    MessageDigest md = Digests.sha256();
    ConfigureKey.field(md, "format", FORMAT);
    ConfigureKey.field(md, "argv", String.join("\0", argv));
    ConfigureKey.field(md, "sources", sourceFingerprint);
    for (String name : TOOL_VARIABLES) {
      ConfigureKey.field(md, "env " + name, String.valueOf(env.get(name)));
    }
    ConfigureKey.field(md, "dpkg", ConfigureKey.fileIdentity(dpkgStatus));
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * Holds {@code key}'s lock in this process while {@code work} runs: the targets of one run
   * bootstrap the same sources once, the others wait and take the result.
   */
  public static <T> T locked(String key, Work<T> work) throws IOException, InterruptedException {
    ReentrantLock lock = LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lockInterruptibly(); // a stopped run (--fail-fast, a signal) does not wait for another target's bootstrap
    try {
      return work.run();
    } finally {
      lock.unlock();
    }
  }

  /** What {@link #locked} runs. */
  public interface Work<T> {
    T run() throws IOException, InterruptedException;
  }

  /**
   * Copies the files stored for {@code key} into {@code sources} (a target's copy), with their
   * modes and times. Empty when there is no such entry or it is damaged (then removed).
   *
   * @return how many files were restored
   */
  public Optional<Integer> restore(String key, Path sources) {
    Path entry = entry(key);
    if (!Files.isDirectory(entry)) {
      return Optional.empty();
    }
    try {
      SortedMap<String, String> files = manifest(entry.resolve(MANIFEST));
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path stored = inside(entry.resolve(TREE), f.getKey());
        if (!Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS) || !Digests.sha256(stored).equals(f.getValue())) {
          throw new IOException("damaged: " + f.getKey());
        }
      }
      for (String rel : files.keySet()) {
        Path to = inside(sources, rel);
        Files.createDirectories(to.getParent());
        Files.copy(inside(entry.resolve(TREE), rel), to, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
      return Optional.of(files.size());
    } catch (IOException | RuntimeException damaged) {
      drop(key);
      return Optional.empty();
    }
  }

  /**
   * Stores the files a bootstrap wrote into {@code copy} (a copy of {@code sources} made with
   * their times): the ones {@code sources} does not have or has with another size or time. A
   * bootstrap that made a symbolic link is not stored (its target could point anywhere); a
   * failure to write only loses the entry.
   */
  public void store(String key, Path sources, Path copy) {
    Path entry = entry(key);
    Path temp = null;
    try {
      List<Path> written = written(sources, copy);
      if (written.isEmpty() || Files.isDirectory(entry)) {
        return;
      }
      Files.createDirectories(dir);
      temp = Files.createTempDirectory(dir, ".new-");
      StringBuilder manifest = new StringBuilder();
      for (Path rel : written) {
        Path to = temp.resolve(TREE).resolve(rel);
        Files.createDirectories(to.getParent());
        Files.copy(copy.resolve(rel), to, StandardCopyOption.COPY_ATTRIBUTES);
        manifest.append(Digests.sha256(to)).append("  ").append(rel).append('\n');
      }
      Files.writeString(temp.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
      Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException another) {
      // another crosskit stored the same bootstrap first: its entry stands
    } catch (IOException | UncheckedIOException | SymlinkMade unwritable) {
      // a full disk, a read-only cache, a link: the next build bootstraps again, nothing else
    } finally {
      if (temp != null) {
        Deletion.treeUnchecked(temp);
      }
    }
  }

  /** Forgets an entry. */
  public void drop(String key) {
    Deletion.treeUnchecked(entry(key));
  }

  /** How many entries there are, and their size in bytes. */
  ConfigureCache.Totals stats() throws IOException {
    long entries = 0;
    long bytes = 0;
    if (Files.isDirectory(dir)) {
      try (Stream<Path> all = Files.list(dir)) {
        for (Path e : all.filter(p -> KEY.matcher(p.getFileName().toString()).matches()).toList()) {
          entries++;
          try (Stream<Path> files = Files.walk(e)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
              bytes += Files.size(f);
            }
          }
        }
      }
    }
    return new ConfigureCache.Totals(dir.toString(), entries, bytes);
  }

  /** The files in {@code copy} that {@code sources} lacks or has with another size or modification time, sorted. */
  static List<Path> written(Path sources, Path copy) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(copy)) {
      for (Path p : walk.sorted().toList()) {
        Path rel = copy.relativize(p);
        if (rel.getNameCount() == 0 || rel.getName(0).toString().equals(AUTOM4TE_CACHE)) {
          continue;
        }
        Path original = sources.resolve(rel);
        if (Files.isSymbolicLink(p)) {
          if (!Files.isSymbolicLink(original)) {
            throw new SymlinkMade();
          }
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && (!Files.isRegularFile(original,
            LinkOption.NOFOLLOW_LINKS) || Files.size(original) != Files.size(p)
            || !Files.getLastModifiedTime(original).equals(Files.getLastModifiedTime(p)))) {
          out.add(rel);
        }
      }
    }
    return out;
  }

  /** A bootstrap made a symbolic link: not stored. */
  private static final class SymlinkMade extends RuntimeException {
    SymlinkMade() {
      super(null, null, false, false);
    }
  }

  private static SortedMap<String, String> manifest(Path file) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int sep = line.indexOf("  ");
      if (sep != 64) {
        throw new IOException("bad manifest line");
      }
      files.put(line.substring(sep + 2), line.substring(0, sep));
    }
    return files;
  }

  /** {@code rel} under {@code root}, refusing a path that would leave it (a manifest edited by hand). */
  private static Path inside(Path root, String rel) throws IOException {
    Path p = root.resolve(rel).normalize();
    if (Path.of(rel).isAbsolute() || !p.startsWith(root.normalize()) || p.equals(root.normalize())) {
      throw new IOException("outside the entry: " + rel);
    }
    return p;
  }

  private Path entry(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a bootstrap cache key: " + key);
    }
    return dir.resolve(key);
  }
}
