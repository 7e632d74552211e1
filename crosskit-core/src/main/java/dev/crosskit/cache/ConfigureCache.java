package dev.crosskit.cache;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * crosskit's configure cache ({@code <home>/configure-cache}): the compile-check results of a
 * configure step (an autoconf cache file, a CMake seed script of Check* results), one entry per
 * {@link ConfigureKey}, and the files of bootstrap steps ({@link BootstrapCache}). With every object a compile cache hit, a rebuild is mostly configure's
 * try-compiles; given their results back, configure skips them.
 *
 * <p>An entry is a header line naming the format and the SHA-256 of the results, then the
 * results. Entries are written atomically; one whose header or checksum does not match (a
 * truncated file, another format) is a miss and is removed, never an error: the cache only ever
 * saves time.
 */
public final class ConfigureCache {
  /** The directory under crosskit's cache. */
  public static final String DIR = "configure-cache";
  private static final String MAGIC = "crosskit-configure-cache 1 ";
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

  private final Path dir;

  public ConfigureCache(Path home) {
    this.dir = home.resolve(DIR);
  }

  public Path dir() {
    return dir;
  }

  /** The files of bootstrap steps (autoreconf), kept beside the check results. */
  public BootstrapCache bootstrap() {
    return new BootstrapCache(dir);
  }

  /** The results stored for {@code key}; empty when there are none or the entry is damaged. */
  public Optional<String> lookup(String key) {
    Path entry = entry(key);
    try {
      if (!Files.isRegularFile(entry)) {
        return Optional.empty();
      }
      String text = Files.readString(entry, StandardCharsets.UTF_8);
      int eol = text.indexOf('\n');
      if (eol > 0 && text.substring(0, eol).equals(MAGIC + digest(text.substring(eol + 1)))) {
        return Optional.of(text.substring(eol + 1));
      }
    } catch (IOException | UncheckedIOException unreadable) {
      // not UTF-8, unreadable: as damaged as a bad checksum
    }
    drop(key);
    return Optional.empty();
  }

  /** Keeps the results for {@code key}, replacing any; a failure to write only loses the entry. */
  public void store(String key, String results) {
    try {
      AtomicFiles.write(entry(key), MAGIC + digest(results) + "\n" + results);
    } catch (IOException | UncheckedIOException unwritable) {
      // a full disk or a read-only cache costs the next build its configure time, nothing else
    }
  }

  /** Forgets the results for {@code key} (a configure failed with them). */
  public void drop(String key) {
    try {
      Files.deleteIfExists(entry(key));
    } catch (IOException stays) {
      // a next lookup finds it again, and drops it again if configure fails again
    }
  }

  /** How many entries the cache holds, and their size in bytes. */
  public record Totals(String dir, long entries, long bytes) {}

  public Totals stats() {
    long entries = 0;
    long bytes = 0;
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(f -> KEY.matcher(f.getFileName().toString()).matches()).toList()) {
          entries++;
          bytes += Files.size(f);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the configure cache " + dir, e);
      }
    }
    try {
      Totals trees = bootstrap().stats();
      entries += trees.entries();
      bytes += trees.bytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configure cache " + dir, e);
    }
    return new Totals(dir.toString(), entries, bytes);
  }

  /** Removes every entry. */
  public void clean() {
    try {
      Deletion.tree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }

  private Path entry(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a configure cache key: " + key);
    }
    return dir.resolve(key);
  }

  private static String digest(String results) {
    return Digests.sha256(results.getBytes(StandardCharsets.UTF_8));
  }
}
