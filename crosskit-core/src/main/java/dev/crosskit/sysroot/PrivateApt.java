package dev.crosskit.sysroot;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.DebianPackageName;
import dev.crosskit.base.Digests;
import dev.crosskit.base.FailedException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * apt-get with a configuration of its own: its own sources list (one Debian suite, one
 * architecture), package lists, cache and an empty dpkg status, all under one directory of
 * crosskit's cache. The host's dpkg architectures, package lists and installed packages are
 * never read or changed, and apt checks the archive's signatures (Signed-By) as usual.
 *
 * <p>Package names reach apt-get only after {@link DebianPackageName#check}, behind {@code --}
 * (the end of options) and with {@code APT::Cmd::Pattern-Only}, so apt takes each as exactly that
 * package: never as an option, and never as the regular expression apt-get otherwise falls back
 * to for a name with {@code .} or {@code +} that no package has.
 */
public final class PrivateApt {
  static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(5);
  static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(15);
  /** Package lists younger than this are used as they are; older ones are refreshed first. */
  static final Duration LISTS_MAX_AGE = Duration.ofHours(24);
  private static final int UPDATE_ATTEMPTS = 3;

  private final AptConfig config;
  private final DebianSuite suite;
  private final String debianArch;
  private final Path dir;
  private final ProcessRunner runner;
  private final Consumer<String> progress;

  private PrivateApt(DebianSuites suites, DebianSuite suite, String debianArch, boolean sources, Path dir,
      ProcessRunner runner, Consumer<String> progress) {
    this(suites, suite, suites.mirror(), debianArch, sources, dir, runner, progress);
  }

  private PrivateApt(DebianSuites suites, DebianSuite suite, String mirror, String debianArch, boolean sources,
      Path dir, ProcessRunner runner, Consumer<String> progress) {
    this.config = new AptConfig(suites, suite, mirror, debianArch, sources, dir);
    this.suite = suite;
    this.debianArch = debianArch;
    this.dir = dir;
    this.runner = runner;
    this.progress = progress;
  }

  /** Binary packages of {@code suite} for {@code debianArch}, configured under {@code <aptRoot>/<suite>-<arch>}. */
  public static PrivateApt binaries(DebianSuite suite, String debianArch, Path aptRoot, ProcessRunner runner,
      Consumer<String> progress) {
    return new PrivateApt(DebianSuites.builtIn(), suite, debianArch, false,
        aptRoot.resolve(suite.name() + "-" + debianArch), runner, progress);
  }

  /**
   * Binary packages of a suite served by another mirror than the usual one (the security
   * archive, where Debian's Rust compiler updates are published), under {@code <aptRoot>/<suite>-<arch>}.
   */
  public static PrivateApt binaries(DebianSuite suite, String mirror, String debianArch, Path aptRoot,
      ProcessRunner runner, Consumer<String> progress) {
    return new PrivateApt(DebianSuites.builtIn(), suite, mirror, debianArch, false,
        aptRoot.resolve(suite.name() + "-" + debianArch), runner, progress);
  }

  /** Source packages of {@code suite} ({@code apt-get source}), configured under {@code <aptRoot>/<suite>-source}. */
  public static PrivateApt sources(DebianSuite suite, Path aptRoot, ProcessRunner runner, Consumer<String> progress) {
    return new PrivateApt(DebianSuites.builtIn(), suite, "amd64", true, aptRoot.resolve(suite.name() + "-source"),
        runner, progress);
  }

  /**
   * Source packages of a suite served by another mirror than the usual one (the security
   * archive), under {@code <aptRoot>/<suite>-source}.
   */
  public static PrivateApt sources(DebianSuite suite, String mirror, Path aptRoot, ProcessRunner runner,
      Consumer<String> progress) {
    return new PrivateApt(DebianSuites.builtIn(), suite, mirror, "amd64", true,
        aptRoot.resolve(suite.name() + "-source"), runner, progress);
  }

  public DebianSuite suite() {
    return suite;
  }

  public String debianArch() {
    return debianArch;
  }

  /** Holds this apt directory for the caller (apt runs with Debug::NoLocking, so crosskit locks instead). */
  CacheLock lock() {
    return CacheLock.acquire(dir.resolve(".crosskit.lock"));
  }

  /** Where downloaded .deb files are kept (and found again by the next {@code add}). */
  public Path archives() {
    return config.archives();
  }

  /** The sources list this apt reads (one Debian suite, signed by Debian's keyring). */
  String sourcesList() {
    return config.sourcesList();
  }

  /** The {@code -o} options that make apt-get use only this directory. */
  List<String> options() {
    return config.options();
  }

  /**
   * Reads the suite's package indexes, unless they were read less than a day ago. A failing
   * fetch is retried; when one distribution's index still fails (it happens on Debian's
   * mirrors) it is reported and survived as long as the suite's main index is there.
   *
   * @return the index failures that were survived (empty when all went well)
   */
  public List<String> update(boolean force) {
    config.prepare();
    Path marker = config.updatedMarker();
    try {
      if (!force && Files.exists(marker) && config.mainIndexPresent()
          && Files.getLastModifiedTime(marker).toInstant().isAfter(Instant.now().minus(LISTS_MAX_AGE))) {
        return List.of();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> failures = List.of();
    for (int attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
      progress.accept("apt: reading the " + suite.name() + " package index for " + debianArch
          + (attempt > 1 ? " (attempt " + attempt + " of " + UPDATE_ATTEMPTS + ")" : ""));
      Result r = apt(List.of("update"), List.of(), UPDATE_TIMEOUT, null);
      failures = AptOutput.failedIndexes(r.output() + "\n" + r.error());
      if (r.ok() && failures.isEmpty()) {
        config.markUpdated();
        return List.of();
      }
      if (r.timedOut()) {
        failures = List.of("apt-get update timed out after " + UPDATE_TIMEOUT.toMinutes() + " min");
      } else if (failures.isEmpty()) {
        failures = List.of("apt-get update failed: " + r.tail(3).replace('\n', ' '));
      }
      sleep(attempt);
    }
    if (!config.mainIndexPresent()) {
      throw new FailedException("cannot read the Debian " + suite.name() + " index for " + debianArch + " from "
          + config.mirror() + ": " + String.join("; ", failures));
    }
    for (String f : failures) {
      progress.accept("warning: index failed for " + suite.name() + "/" + debianArch + ", going on without it: " + f);
    }
    config.markUpdated();
    return failures;
  }

  /** The packages to unpack for {@code packages} and everything they depend on (Recommends left out). */
  public List<DebPackage> resolve(Collection<String> packages) {
    Result r = apt(List.of("-s", "install"), checked(packages), UPDATE_TIMEOUT, null);
    if (!r.ok()) {
      String errors = AptOutput.errors(r.output() + "\n" + r.error());
      // A package name that does not exist is the user's input; anything else is apt's or the network's.
      String message = "apt cannot resolve the packages for " + debianArch + " in " + suite.name() + ": "
          + orTail(errors, r);
      // an unknown package is the user's to fix; anything else is the archive's or the network's
      boolean unknown = errors.contains("Unable to locate package") || errors.contains("has no installation candidate");
      throw unknown ? new BadInputException(message) : new FailedException(message);
    }
    return AptOutput.simulatedInstalls(r.output());
  }

  /** Exactly {@code packages}, without their dependencies (for musl-dev, whose dependencies are a native gcc). */
  public List<DebPackage> exact(Collection<String> packages) {
    Result r = apt(List.of("--print-uris", "download"), checked(packages), UPDATE_TIMEOUT, null);
    if (!r.ok()) {
      throw new FailedException("apt cannot find " + String.join(" ", packages) + " in " + suite.name() + " for "
          + debianArch + ": " + orTail(AptOutput.errors(r.output() + "\n" + r.error()), r));
    }
    return AptOutput.printedUris(r.output());
  }

  /** What {@link #download} fetched: every .deb (cached or new) and how many were new. */
  public record Downloaded(List<Path> debs, int fetched) {
    /** The SHA-256 of each .deb, by package name (the file name's part before the version). */
    public Map<String, String> sha256() {
      Map<String, String> out = new java.util.TreeMap<>();
      for (Path deb : debs) {
        String file = deb.getFileName().toString();
        try {
          out.put(file.substring(0, file.indexOf('_')), Digests.sha256(deb));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + deb, e);
        }
      }
      return out;
    }
  }

  /**
   * Makes sure each package's .deb is in {@link #archives()}, fetching only the missing ones
   * (apt checks each file against the signed index).
   */
  public Downloaded download(List<DebPackage> packages) {
    config.prepare();
    List<String> missing = new ArrayList<>();
    List<Path> debs = new ArrayList<>();
    for (DebPackage p : packages) {
      Path deb = archives().resolve(p.fileName());
      debs.add(deb);
      if (!Files.isRegularFile(deb)) {
        DebianPackageName.check(p.name());
        missing.add(p.aptSpec());
      }
    }
    if (!missing.isEmpty()) {
      progress.accept("apt: downloading " + missing.size() + " package" + (missing.size() == 1 ? "" : "s")
          + " for " + debianArch + " from " + suite.name());
      Result r = apt(List.of("download"), missing, DOWNLOAD_TIMEOUT, archives());
      List<String> absent = debs.stream().filter(d -> !Files.isRegularFile(d)).map(d -> d.getFileName().toString())
          .toList();
      if (!r.ok() || !absent.isEmpty()) {
        throw new FailedException("apt could not download " + (absent.isEmpty() ? "all packages" : String.join(", ", absent))
            + " from " + suite.name() + ": " + orTail(AptOutput.errors(r.output() + "\n" + r.error()), r));
      }
    }
    return new Downloaded(debs, missing.size());
  }

  /** The source packages of this configuration's suite ({@link #sources}). */
  public SourcePackages sourcePackages() {
    return new SourcePackages(this);
  }

  Path dir() {
    return dir;
  }

  ProcessRunner runner() {
    return runner;
  }

  void say(String line) {
    progress.accept(line);
  }

  void prepare() {
    config.prepare();
  }

  /**
   * Each name checked to be a Debian package name, or a name pinned to a Debian version (an
   * option or a pattern is refused here, before apt).
   */
  private static List<String> checked(Collection<String> packages) {
    packages.forEach(DebianPackageName::checkSpec);
    return List.copyOf(packages);
  }

  /** apt-get's argv ({@link AptConfig#argv}): the package names after {@code --}, where apt reads only names. */
  List<String> argv(List<String> args, List<String> names) {
    return config.argv(args, names);
  }

  Result apt(List<String> args, List<String> names, Duration timeout, Path cwd) {
    Command cmd = new Command(argv(args, names), Map.of("LC_ALL", "C", "DEBIAN_FRONTEND", "noninteractive"), cwd, timeout);
    Result r = runner.capture(cmd);
    if (r.exitCode() == 127 && r.error().contains("cannot start")) {
      throw new FailedException("apt-get is not installed: crosskit sysroots need a Debian-based host with apt");
    }
    return r;
  }

  static String orTail(String errors, Result r) {
    return errors.isBlank() ? r.tail(3).replace('\n', ' ') : errors;
  }

  private static void sleep(int attempt) {
    if (attempt >= UPDATE_ATTEMPTS) {
      return;
    }
    try {
      Thread.sleep(2000L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FailedException("interrupted");
    }
  }
}
