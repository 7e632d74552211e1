package dev.crosskit.sysroot;

import dev.crosskit.UserException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * apt-get with a configuration of its own: its own sources list (one Debian suite, one
 * architecture), package lists, cache and an empty dpkg status, all under one directory of
 * crosskit's cache. The host's dpkg architectures, package lists and installed packages are
 * never read or changed, and apt checks the archive's signatures (Signed-By) as usual.
 */
public final class PrivateApt {
  static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(5);
  static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(15);
  /** Package lists younger than this are used as they are; older ones are refreshed first. */
  static final Duration LISTS_MAX_AGE = Duration.ofHours(24);
  private static final int UPDATE_ATTEMPTS = 3;

  private final DebianSuites suites;
  private final DebianSuite suite;
  private final String debianArch;
  private final boolean sources;
  private final Path dir;
  private final String mirror;
  private final ProcessRunner runner;
  private final Consumer<String> progress;

  private PrivateApt(DebianSuites suites, DebianSuite suite, String debianArch, boolean sources, Path dir,
      ProcessRunner runner, Consumer<String> progress) {
    this(suites, suite, suites.mirror(), debianArch, sources, dir, runner, progress);
  }

  private PrivateApt(DebianSuites suites, DebianSuite suite, String mirror, String debianArch, boolean sources,
      Path dir, ProcessRunner runner, Consumer<String> progress) {
    this.mirror = mirror;
    this.suites = suites;
    this.suite = suite;
    this.debianArch = debianArch;
    this.sources = sources;
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
    return dir.resolve("archives");
  }

  /** The sources list: one line per distribution of the suite, each Signed-By Debian's archive keyring. */
  String sourcesList() {
    StringBuilder sb = new StringBuilder("# written by crosskit: a private apt configuration, not the host's\n");
    for (String dist : suite.dists()) {
      sb.append(sources ? "deb-src" : "deb").append(" [signed-by=").append(suites.keyring()).append("] ")
          .append(mirror).append(' ').append(dist).append(' ')
          .append(String.join(" ", suites.components())).append('\n');
    }
    return sb.toString();
  }

  /** The {@code -o} options that make apt-get use only this directory. */
  List<String> options() {
    List<String> o = new ArrayList<>();
    opt(o, "Dir::Etc::SourceList", dir.resolve("sources.list").toString());
    opt(o, "Dir::Etc::SourceParts", "/dev/null");
    opt(o, "Dir::Etc::Preferences", "/dev/null");
    opt(o, "Dir::Etc::PreferencesParts", "/dev/null");
    opt(o, "Dir::State::Lists", dir.resolve("lists").toString());
    opt(o, "Dir::State::status", dir.resolve("status").toString());
    opt(o, "Dir::Cache", dir.resolve("cache").toString());
    opt(o, "APT::Architecture", debianArch);
    opt(o, "APT::Architectures", debianArch);
    opt(o, "APT::Install-Recommends", "false");
    opt(o, "APT::Install-Suggests", "false");
    opt(o, "Acquire::Languages", "none");
    opt(o, "Debug::NoLocking", "1");
    if ("root".equals(System.getProperty("user.name"))) {
      // apt drops to the _apt user for downloads, which cannot write into root's cache directory.
      opt(o, "APT::Sandbox::User", "root");
    }
    return o;
  }

  private static void opt(List<String> o, String key, String value) {
    o.add("-o");
    o.add(key + "=" + value);
  }

  private void prepare() {
    try {
      Files.createDirectories(dir.resolve("lists/partial"));
      Files.createDirectories(dir.resolve("cache/archives/partial"));
      Files.createDirectories(archives());
      Path status = dir.resolve("status");
      if (!Files.exists(status)) {
        // An empty dpkg status: nothing counts as installed, so apt resolves every dependency.
        Files.writeString(status, "");
      }
      Path list = dir.resolve("sources.list");
      String wanted = sourcesList();
      if (!Files.exists(list) || !Files.readString(list).equals(wanted)) {
        Files.writeString(list, wanted);
        Files.deleteIfExists(updatedMarker());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare apt directory " + dir, e);
    }
  }

  private Path updatedMarker() {
    return dir.resolve("lists/.crosskit-updated");
  }

  /**
   * Reads the suite's package indexes, unless they were read less than a day ago. A failing
   * fetch is retried; when one distribution's index still fails (it happens on Debian's
   * mirrors) it is reported and survived as long as the suite's main index is there.
   *
   * @return the index failures that were survived (empty when all went well)
   */
  public List<String> update(boolean force) {
    prepare();
    Path marker = updatedMarker();
    try {
      if (!force && Files.exists(marker) && mainIndexPresent()
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
      Result r = apt(List.of("update"), UPDATE_TIMEOUT, null);
      failures = AptOutput.failedIndexes(r.output() + "\n" + r.error());
      if (r.ok() && failures.isEmpty()) {
        touch(marker);
        return List.of();
      }
      if (r.timedOut()) {
        failures = List.of("apt-get update timed out after " + UPDATE_TIMEOUT.toMinutes() + " min");
      } else if (failures.isEmpty()) {
        failures = List.of("apt-get update failed: " + r.tail(3).replace('\n', ' '));
      }
      sleep(attempt);
    }
    if (!mainIndexPresent()) {
      throw new UserException("cannot read the Debian " + suite.name() + " index for " + debianArch + " from "
          + mirror + ": " + String.join("; ", failures), 1);
    }
    for (String f : failures) {
      progress.accept("warning: index failed for " + suite.name() + "/" + debianArch + ", going on without it: " + f);
    }
    touch(marker);
    return failures;
  }

  /** True when the first (required) distribution's index for this architecture is on disk. */
  private boolean mainIndexPresent() {
    String dist = "_dists_" + suite.dists().get(0) + "_";
    String kind = sources ? "_source_Sources" : "_binary-" + debianArch + "_Packages";
    try (Stream<Path> files = Files.list(dir.resolve("lists"))) {
      return files.map(p -> p.getFileName().toString()).anyMatch(n -> n.contains(dist) && n.contains(kind));
    } catch (IOException e) {
      return false;
    }
  }

  /** The packages to unpack for {@code packages} and everything they depend on (Recommends left out). */
  public List<DebPackage> resolve(Collection<String> packages) {
    List<String> args = new ArrayList<>(List.of("-s", "install"));
    args.addAll(packages);
    Result r = apt(args, UPDATE_TIMEOUT, null);
    if (!r.ok()) {
      String errors = AptOutput.errors(r.output() + "\n" + r.error());
      // A package name that does not exist is the user's input; anything else is apt's or the network's.
      int exit = errors.contains("Unable to locate package") || errors.contains("has no installation candidate") ? 2 : 1;
      throw new UserException("apt cannot resolve the packages for " + debianArch + " in " + suite.name() + ": "
          + orTail(errors, r), exit);
    }
    return AptOutput.simulatedInstalls(r.output());
  }

  /** Exactly {@code packages}, without their dependencies (for musl-dev, whose dependencies are a native gcc). */
  public List<DebPackage> exact(Collection<String> packages) {
    List<String> args = new ArrayList<>(List.of("--print-uris", "download"));
    args.addAll(packages);
    Result r = apt(args, UPDATE_TIMEOUT, null);
    if (!r.ok()) {
      throw new UserException("apt cannot find " + String.join(" ", packages) + " in " + suite.name() + " for "
          + debianArch + ": " + orTail(AptOutput.errors(r.output() + "\n" + r.error()), r), 1);
    }
    List<DebPackage> list = new ArrayList<>();
    for (String line : r.output().split("\n")) {
      String[] w = line.strip().split("\\s+");
      if (w.length >= 2 && w[0].startsWith("'") && w[1].endsWith(".deb")) {
        String[] parts = w[1].substring(0, w[1].length() - 4).split("_");
        if (parts.length == 3) {
          list.add(new DebPackage(parts[0], parts[1].replace("%3a", ":"), parts[2]));
        }
      }
    }
    return list;
  }

  /** What {@link #download} fetched: every .deb (cached or new) and how many were new. */
  public record Downloaded(List<Path> debs, int fetched) {}

  /**
   * Makes sure each package's .deb is in {@link #archives()}, fetching only the missing ones
   * (apt checks each file against the signed index).
   */
  public Downloaded download(List<DebPackage> packages) {
    prepare();
    List<String> missing = new ArrayList<>();
    List<Path> debs = new ArrayList<>();
    for (DebPackage p : packages) {
      Path deb = archives().resolve(p.fileName());
      debs.add(deb);
      if (!Files.isRegularFile(deb)) {
        missing.add(p.aptSpec());
      }
    }
    if (!missing.isEmpty()) {
      progress.accept("apt: downloading " + missing.size() + " package" + (missing.size() == 1 ? "" : "s")
          + " for " + debianArch + " from " + suite.name());
      List<String> args = new ArrayList<>(List.of("download"));
      args.addAll(missing);
      Result r = apt(args, DOWNLOAD_TIMEOUT, archives());
      List<String> absent = debs.stream().filter(d -> !Files.isRegularFile(d)).map(d -> d.getFileName().toString())
          .toList();
      if (!r.ok() || !absent.isEmpty()) {
        throw new UserException("apt could not download " + (absent.isEmpty() ? "all packages" : String.join(", ", absent))
            + " from " + suite.name() + ": " + orTail(AptOutput.errors(r.output() + "\n" + r.error()), r), 1);
      }
    }
    return new Downloaded(debs, missing.size());
  }

  /**
   * Fetches and unpacks a source package ({@code apt-get source}) under {@code <dir>/src}; apt
   * checks the .dsc and tarballs against the signed Sources index. Returns the unpacked tree.
   */
  public Path source(String sourcePackage) {
    Path src = dir.resolve("src");
    try {
      Files.createDirectories(src);
      Path existing = unpackedSource(src, sourcePackage);
      if (existing != null) {
        return existing;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.accept("apt: fetching the " + sourcePackage + " source package from " + suite.name());
    Result r = apt(List.of("source", sourcePackage), DOWNLOAD_TIMEOUT, src);
    try {
      Path unpacked = unpackedSource(src, sourcePackage);
      if (!r.ok() || unpacked == null) {
        throw new UserException("apt-get source " + sourcePackage + " failed in " + suite.name() + ": "
            + orTail(AptOutput.errors(r.output() + "\n" + r.error()), r), 1);
      }
      return unpacked;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One file of a source package as the signed Sources index lists it.
   *
   * @param uri where the archive serves it
   * @param name the file name ({@code rustc-web_1.85.0+dfsg3.orig.tar.xz})
   */
  public record SourceFile(String uri, String name, long size, String sha256) {}

  // 'http://deb.debian.org/debian/pool/main/r/rustc-web/rustc-web_1.85.0%2bdfsg3.orig.tar.xz' rustc-web_1.85.0+dfsg3.orig.tar.xz 83014324 SHA256:8cfa...
  private static final java.util.regex.Pattern SOURCE_URI =
      java.util.regex.Pattern.compile("^'([^']+)' (\\S+) (\\d+) SHA256:([0-9a-f]{64})$");

  /**
   * The files of source package {@code name} at exactly {@code version}, from the suite's
   * Sources index ({@code apt-get source --print-uris}; nothing is downloaded). Empty when the
   * suite does not have that version.
   */
  public List<SourceFile> sourceFiles(String name, String version) {
    Result r = apt(List.of("source", "--print-uris", name + "=" + version), UPDATE_TIMEOUT, null);
    String all = r.output() + "\n" + r.error();
    if (!r.ok()) {
      if (all.contains("Can not find version") || all.contains("Unable to find a source package")) {
        return List.of();
      }
      throw new UserException("apt cannot look up source package " + name + " " + version + " in " + suite.name()
          + ": " + orTail(AptOutput.errors(all), r), 1);
    }
    List<SourceFile> files = new ArrayList<>();
    for (String line : r.output().split("\n")) {
      java.util.regex.Matcher m = SOURCE_URI.matcher(line.strip());
      if (m.matches()) {
        files.add(new SourceFile(m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4)));
      }
    }
    return files;
  }

  /**
   * Fetches one file of a source package into {@code dir} with apt's own downloader, which
   * checks it against the SHA-256 the signed index gave; a file already there with that
   * checksum is kept. Returns the file.
   */
  public Path fetch(SourceFile file, Path dir) {
    prepare();
    Path dest = dir.resolve(file.name());
    try {
      Files.createDirectories(dir);
      if (Files.isRegularFile(dest) && Files.size(dest) == file.size()
          && dev.crosskit.pack.Digests.sha256(dest).equals(file.sha256())) {
        return dest;
      }
      Files.deleteIfExists(dest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.accept("apt: fetching " + file.name() + " (" + (file.size() + 999_999) / 1_000_000 + " MB) from "
        + suite.name());
    List<String> argv = new ArrayList<>(List.of("/usr/lib/apt/apt-helper"));
    argv.addAll(options());
    argv.addAll(List.of("download-file", file.uri(), dest.toString(), "SHA256:" + file.sha256()));
    Result r = runner.capture(new Command(argv, Map.of("LC_ALL", "C"), dir, DOWNLOAD_TIMEOUT));
    if (!r.ok() || !Files.isRegularFile(dest)) {
      try {
        Files.deleteIfExists(dest);
      } catch (IOException ignored) {
        // nothing to clean up
      }
      throw new UserException("apt could not fetch " + file.name() + " from " + suite.name() + ": "
          + orTail(AptOutput.errors(r.output() + "\n" + r.error()), r), 1);
    }
    return dest;
  }

  private static Path unpackedSource(Path src, String sourcePackage) throws IOException {
    try (Stream<Path> s = Files.list(src)) {
      return s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(sourcePackage + "-"))
          .sorted().findFirst().orElse(null);
    }
  }

  private Result apt(List<String> args, Duration timeout, Path cwd) {
    List<String> argv = new ArrayList<>(List.of("apt-get", "-q"));
    argv.addAll(options());
    if (!args.contains("-s") && !args.contains("--print-uris")) {
      argv.add("-y");
    }
    argv.addAll(args);
    Command cmd = new Command(argv, Map.of("LC_ALL", "C", "DEBIAN_FRONTEND", "noninteractive"), cwd, timeout);
    Result r = runner.capture(cmd);
    if (r.exitCode() == 127 && r.error().contains("cannot start")) {
      throw new UserException("apt-get is not installed: crosskit sysroots need a Debian-based host with apt", 1);
    }
    return r;
  }

  private static String orTail(String errors, Result r) {
    return errors.isBlank() ? r.tail(3).replace('\n', ' ') : errors;
  }

  private static void touch(Path marker) {
    try {
      Files.writeString(marker, Instant.now().toString());
      Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(int attempt) {
    if (attempt >= UPDATE_ATTEMPTS) {
      return;
    }
    try {
      Thread.sleep(2000L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted", 1);
    }
  }
}
