package dev.crosskit.rust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.UserException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.sysroot.DebianSuite;
import dev.crosskit.sysroot.PrivateApt;
import dev.crosskit.sysroot.SourcePackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What {@code -Zbuild-std} compiles: the {@code library/} of Debian's rust-web-src (with
 * Debian's patches), which must be exactly the installed compiler's version, and a directory of
 * the crates.io crates std depends on. rust-web-src ships those crates in {@code library/vendor}
 * from 1.96 on; 1.85 (bookworm's) ships none. Then the crates come from the orig tarball of the
 * same source package, fetched through crosskit's private apt with a {@code deb-src} line
 * (apt checks the file against the signed Sources index) and unpacked into crosskit's cache by
 * {@link VendoredCrates}. Either way Cargo must resolve std's dependencies against the
 * directory: that is the test that decides.
 */
final class StdSources {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param library the {@code library/} directory (std's Cargo workspace)
   * @param vendor the directory that replaces crates.io
   * @param origin where they came from, for messages
   */
  record Tree(Path library, Path vendor, String origin) {}

  /** The installed rust-web-src: its version and the source package (and version) it was built from. */
  record Installed(String version, String sourcePackage, String sourceVersion) {}

  private final RustStd std;
  private final ProcessRunner processes;

  StdSources(RustStd std, ProcessRunner processes) {
    this.std = std;
    this.processes = processes;
  }

  /**
   * Finds or makes the sources.
   *
   * @param resolveError given a vendor directory, Cargo's error when std's dependencies do not
   *     resolve against it, or empty when they do
   */
  Tree locate(Function<Path, Optional<String>> resolveError, Path work, Consumer<String> progress) {
    Installed src = installed();
    Path library = std.srcDir();
    DebianPatches patches = new DebianPatches(library.getParent(), processes);
    List<String> unapplied = patches.notAppliedToLibrary(work);
    if (!unapplied.isEmpty()) {
      progress.accept("warning: Debian's patches " + unapplied + " are not applied in " + library
          + "; the std is built from the sources as installed");
    }
    Path installedVendor = library.resolve("vendor");
    String installedProblem = "it has no library/vendor";
    if (Files.isDirectory(installedVendor)) {
      Optional<String> error = resolveError.apply(installedVendor);
      if (error.isEmpty()) {
        return new Tree(library, installedVendor, "rust-web-src " + src.version() + " (" + installedVendor + ")");
      }
      installedProblem = "its library/vendor lacks crates std needs (" + firstLine(error.get()) + ")";
    }
    Path fetched = vendorCache(src);
    if (!Files.isRegularFile(fetched.resolve(VendoredCrates.DONE))) {
      progress.accept("rust-web-src " + src.version() + " cannot build std alone: " + installedProblem
          + "; taking the crates from Debian's " + src.sourcePackage() + " " + src.sourceVersion() + " source package");
      fetch(src, patches, fetched, work, progress);
    }
    Optional<String> error = resolveError.apply(fetched);
    if (error.isPresent()) {
      throw new FailedException("the standard library's dependencies do not resolve against the crates of Debian's "
          + src.sourcePackage() + " " + src.sourceVersion() + " (" + fetched + "): " + error.get());
    }
    return new Tree(library, fetched, "rust-web-src " + src.version() + " with the crates of " + src.sourcePackage()
        + "_" + src.sourceVersion() + "'s orig tarball (" + fetched + ")");
  }

  /** Where the crates of a source package version are kept: {@code $CROSSKIT_HOME/rust/std-src/<version>/vendor}. */
  Path vendorCache(Installed src) {
    return std.home().resolve("rust").resolve("std-src").resolve(src.sourceVersion()).resolve("vendor");
  }

  /**
   * The installed rust-web-src, checked to be the compiler's version: std compiled from other
   * sources than the compiler's own does not load ("found crate compiled by an incompatible version").
   */
  Installed installed() {
    String compiler = std.compilerVersion().orElseThrow(() -> new FailedException(
        "Debian's Rust compiler is not installed: apt-get install " + std.debian("compilerPackage") + " "
            + std.debian("cargoPackage") + " (or crosskit setup)"));
    String pkg = std.debian("srcPackage");
    Result r = processes.capture(Command.of("dpkg-query", "-W", "-f", "${Status}\t${Version}\t${source:Package}\t${source:Version}",
        pkg).withTimeout(PROBE_TIMEOUT));
    String[] f = r.output().strip().split("\t");
    if (!r.ok() || f.length < 4 || !f[0].endsWith(" installed") || !Files.isDirectory(std.srcDir())) {
      throw new FailedException("building the Rust standard library needs " + pkg + ": apt-get install " + pkg + "="
          + compiler + " (or crosskit setup)");
    }
    if (!f[1].equals(compiler)) {
      throw new FailedException(pkg + " " + f[1] + " does not match the installed compiler " + std.debian("compilerPackage")
          + " " + compiler + ": apt-get install " + pkg + "=" + compiler);
    }
    return new Installed(f[1], f[2], f[3]);
  }

  private void fetch(Installed src, DebianPatches patches, Path dest, Path work, Consumer<String> progress) {
    List<String> tried = new ArrayList<>();
    for (JsonNode archive : std.data().path("debian").path("archives")) {
      List<String> dists = new ArrayList<>();
      archive.path("dists").forEach(d -> dists.add(d.asText()));
      DebianSuite suite = new DebianSuite(archive.path("suite").asText(), "", "", "", dists);
      PrivateApt apt = PrivateApt.sources(suite, archive.path("mirror").asText(), std.home().resolve("apt"), processes,
          progress);
      try {
        apt.update(false);
        SourcePackages sources = apt.sourcePackages();
        Optional<SourcePackages.SourceFile> orig = sources.sourceFiles(src.sourcePackage(), src.sourceVersion()).stream()
            .filter(StdSources::isMainOrigTarball).findFirst();
        if (orig.isEmpty()) {
          tried.add(suite.name() + ": no " + src.sourcePackage() + " " + src.sourceVersion());
          continue;
        }
        Path tarball = sources.fetch(orig.get(), dest.getParent());
        try {
          VendoredCrates.Outcome outcome = VendoredCrates.unpack(tarball, CargoLock.registryCrates(
              std.srcDir().resolve("Cargo.lock")), patches, dest, progress);
          progress.accept("crates for the Rust standard library: " + outcome.summary());
        } finally {
          Files.deleteIfExists(tarball); // 80+ MB, and only the crates above are needed from it
        }
        return;
      } catch (UserException e) {
        tried.add(suite.name() + ": " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new FailedException("cannot get the crates the Rust standard library needs from Debian's "
        + src.sourcePackage() + " " + src.sourceVersion() + " source package: " + String.join("; ", tried));
  }

  /**
   * The upstream sources ({@code rustc-web_1.85.0+dfsg3.orig.tar.xz}), not the extra components
   * ({@code .orig-stage0.tar.xz} holds 880 MB of bootstrap compilers crosskit does not need).
   */
  static boolean isMainOrigTarball(SourcePackages.SourceFile f) {
    return f.name().matches("[^_]+_[^_]+\\.orig\\.tar\\.xz");
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
