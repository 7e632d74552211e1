package dev.crosskit.sysroot;

import dev.crosskit.base.FailedException;
import dev.crosskit.base.StagedDirectory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The gcc sources libstdc++ is built from: Debian's gcc source package, fetched once through the
 * private apt ({@code deb-src}; apt checks every file against the signed Sources index) and
 * never unpacked whole. Debian's orig tarball holds upstream's tarball; only the part of its
 * tree a standalone libstdc++-v3 build reads is extracted (about 140 MB instead of 800), into
 * {@code <home>/cxx/src/<package>_<version>/}, shared by every target.
 *
 * <p>Debian's patches are not applied: none in gcc-12's series changes what a static libstdc++
 * compiles (they add a PIC archive, touch documentation, the test harness, the hurd, gcc's
 * driver or other languages).
 *
 * @param tree the unpacked top directory (e.g. {@code .../gcc-12.2.0}, holding libstdc++-v3)
 * @param version the Debian source version, e.g. {@code 12.2.0-14+deb12u1}
 */
record GccSource(Path tree, String version) {
  private static final String DONE = ".crosskit-complete";

  /** The sources for {@code recipe}, fetched and unpacked on first use. */
  static GccSource ensure(SysrootStore store, MuslCxxRecipe recipe) {
    String pkg = recipe.sourcePackage();
    PrivateApt apt = PrivateApt.sources(MuslSysroots.suite(), store.aptDir(), store.runner(), store.progress());
    Path files;
    try (CacheLock lock = apt.lock()) {
      Optional<GccSource> ready = unpacked(store, pkg);
      if (ready.isPresent()) {
        return ready.get(); // no apt run at all: the cache works offline
      }
      apt.update(false);
      files = apt.sourcePackages().sourceFiles(pkg);
    }
    try (CacheLock lock = CacheLock.acquire(store.home().resolve("cxx/.lock-src-" + pkg))) {
      Optional<GccSource> ready = unpacked(store, pkg);
      if (ready.isPresent()) {
        return ready.get();
      }
      String version = version(files, pkg);
      Path orig = only(files, pkg + "_", ".orig.tar.gz");
      Path dest = store.home().resolve("cxx/src").resolve(pkg + "_" + version);
      store.progress().accept("unpacking libstdc++'s part of " + orig.getFileName() + " into " + dest);
      StagedDirectory.removeLeftovers(dest);
      try (StagedDirectory staged = new StagedDirectory(dest)) {
        String top = extractSubset(orig, staged.path(), recipe);
        Files.writeString(staged.path().resolve(DONE), version + "\n" + top + "\n");
        staged.commitUnlessPresent();
      }
      return unpacked(store, pkg).orElseThrow(() -> new FailedException("unpacking " + orig + " left no source tree"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the " + pkg + " sources", e);
    }
  }

  /** The newest complete unpacked tree of {@code pkg} in the cache, if any. */
  private static Optional<GccSource> unpacked(SysrootStore store, String pkg) {
    Path dir = store.home().resolve("cxx/src");
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(d -> d.getFileName().toString().startsWith(pkg + "_")).sorted().toList().reversed()) {
        Path done = p.resolve(DONE);
        if (Files.isRegularFile(done)) {
          List<String> lines = Files.readAllLines(done);
          if (lines.size() == 2 && Files.isDirectory(p.resolve(lines.get(1)).resolve("libstdc++-v3"))) {
            return Optional.of(new GccSource(p.resolve(lines.get(1)), lines.get(0)));
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Debian version from the .dsc's name ({@code gcc-12_12.2.0-14+deb12u1.dsc}). */
  static String version(Path files, String pkg) {
    String dsc = only(files, pkg + "_", ".dsc").getFileName().toString();
    return dsc.substring(pkg.length() + 1, dsc.length() - ".dsc".length());
  }

  private static Path only(Path dir, String prefix, String suffix) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith(suffix)).sorted().toList();
      if (found.size() != 1) {
        throw new FailedException("expected one " + prefix + "*" + suffix + " in " + dir + ", found " + found.size());
      }
      return found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Streams the orig tarball, finds the upstream tarball inside it and extracts the recipe's
   * subset of that (with {@link DebExtractor}'s checks: nothing lands outside {@code dest}).
   * Returns the upstream tree's top directory name.
   */
  static String extractSubset(Path orig, Path dest, MuslCxxRecipe recipe) throws IOException {
    List<String> subset = recipe.subset();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(orig), 1 << 16);
        TarArchiveInputStream outer = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      TarArchiveEntry e;
      while ((e = outer.getNextEntry()) != null) {
        if (!recipe.innerTarball().matcher(e.getName()).matches()) {
          continue;
        }
        String[] top = new String[1];
        DebExtractor.extractTar(new XZCompressorInputStream(new BufferedInputStream(outer, 1 << 16)), dest,
            e.getName(), rel -> {
              int slash = rel.indexOf('/');
              if (slash < 0) {
                return false;
              }
              top[0] = rel.substring(0, slash);
              String inTree = rel.substring(slash + 1);
              return subset.stream().anyMatch(p -> p.endsWith("/") ? (inTree + "/").startsWith(p) : inTree.equals(p));
            });
        if (top[0] == null || !Files.isDirectory(dest.resolve(top[0]).resolve("libstdc++-v3"))) {
          throw new FailedException(e.getName() + " in " + orig.getFileName() + " has no libstdc++-v3");
        }
        return top[0];
      }
    }
    throw new FailedException(orig.getFileName() + " holds no upstream tarball matching " + recipe.innerTarball());
  }
}
