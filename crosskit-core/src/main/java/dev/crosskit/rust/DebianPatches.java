package dev.crosskit.rust;

import dev.crosskit.base.FailedException;
import dev.crosskit.base.UserException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's patches to the Rust sources ({@code debian/patches/series}, which rust-web-src ships
 * next to {@code library/}). Used two ways: the hunks for vendored crates are applied to crates
 * taken from the orig tarball (Debian patches some, e.g. it drops dlmalloc's dependency on the
 * Windows crates it prunes), and the hunks for {@code library/} are checked to be applied in the
 * installed sources (so the std crosskit builds carries Debian's fixes, security ones included).
 */
final class DebianPatches {
  private static final Duration PATCH_TIMEOUT = Duration.ofMinutes(1);
  private static final Pattern NEW_FILE = Pattern.compile("(?m)^\\+\\+\\+ b/(\\S+)");

  private final Path sourceRoot;
  private final ProcessRunner processes;

  /** @param sourceRoot the directory holding {@code library/} and {@code debian/patches/} */
  DebianPatches(Path sourceRoot, ProcessRunner processes) {
    this.sourceRoot = sourceRoot;
    this.processes = processes;
  }

  Path patchesDir() {
    return sourceRoot.resolve("debian/patches");
  }

  /** The patches in the order Debian applies them; empty when the sources carry no series. */
  List<Path> series() {
    Path series = patchesDir().resolve("series");
    if (!Files.isRegularFile(series)) {
      return List.of();
    }
    try {
      List<Path> list = new ArrayList<>();
      for (String line : Files.readAllLines(series)) {
        String name = line.replaceAll("#.*", "").strip();
        if (!name.isEmpty()) {
          list.add(patchesDir().resolve(name.split("\\s+")[0]));
        }
      }
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + series, e);
    }
  }

  /**
   * Applies every hunk for {@code vendor/<crate>/} of {@code crates} to the tree under
   * {@code root} (which holds {@code vendor/}), in series order.
   *
   * @return the crates that were patched
   */
  Set<String> applyToVendor(Path root, Set<String> crates, Path work) {
    Set<String> patched = new LinkedHashSet<>();
    for (Path patch : series()) {
      Set<String> touched = new LinkedHashSet<>();
      String part = sections(read(patch), path -> {
        String crate = crateOf(path);
        if (crate != null && crates.contains(crate)) {
          touched.add(crate);
          return true;
        }
        return false;
      });
      if (part.isEmpty()) {
        continue;
      }
      Result r = patch(part, root, work, false);
      if (!r.ok()) {
        throw new FailedException("Debian's patch " + patchesDir().relativize(patch) + " does not apply to the vendored crates "
            + touched + ": " + r.tail(5));
      }
      patched.addAll(touched);
    }
    return patched;
  }

  /** The series patches whose {@code library/} hunks are not in the installed sources (normally none). */
  List<String> notAppliedToLibrary(Path work) {
    List<String> missing = new ArrayList<>();
    for (Path patch : series()) {
      String part = sections(read(patch), path -> path.startsWith("library/"));
      if (!part.isEmpty() && !patch(part, sourceRoot, work, true).ok()) {
        missing.add(patchesDir().relativize(patch).toString());
      }
    }
    return missing;
  }

  /** {@code vendor/cc-1.2.0/src/lib.rs} gives {@code cc-1.2.0}; other paths give null. */
  static String crateOf(String path) {
    if (!path.startsWith("vendor/")) {
      return null;
    }
    int slash = path.indexOf('/', "vendor/".length());
    return slash < 0 ? null : path.substring("vendor/".length(), slash);
  }

  /**
   * The per-file sections of a patch whose new path passes {@code keep}, joined into a patch of
   * their own. Debian's patches are git format ({@code diff --git} starts each file).
   */
  static String sections(String patchText, Predicate<String> keep) {
    StringBuilder out = new StringBuilder();
    for (String section : patchText.split("(?m)^(?=diff --git )")) {
      if (!section.startsWith("diff --git ")) {
        continue; // the mail header and description before the first file
      }
      Matcher m = NEW_FILE.matcher(section);
      if (m.find() && keep.test(m.group(1))) {
        out.append(section);
      }
    }
    return out.toString();
  }

  private Result patch(String text, Path dir, Path work, boolean checkApplied) {
    try {
      Files.createDirectories(work);
      Path file = Files.createTempFile(work, "part-", ".patch");
      try {
        Files.writeString(file, text, java.nio.charset.StandardCharsets.ISO_8859_1);
        // --force: never guess that a patch is reversed (--batch would, and "fix" it by applying it the other way).
        List<String> argv = new ArrayList<>(List.of("patch", "-p1", "--force", "--silent", "--no-backup-if-mismatch",
            "-d", dir.toString(), "-i", file.toString()));
        // Applied already means it reverses cleanly; --dry-run leaves the installed sources untouched.
        if (checkApplied) {
          argv.addAll(List.of("--reverse", "--dry-run"));
        }
        Result r = processes.capture(Command.of(argv).withTimeout(PATCH_TIMEOUT));
        if (r.exitCode() == 127) {
          throw new FailedException("the patch program is missing: apt-get install patch");
        }
        return r;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path patch) {
    try {
      return Files.readString(patch, java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + patch, e);
    }
  }
}
