package dev.crosskit.sysroot;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.DebianPackageName;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.Json;
import dev.crosskit.base.StagedDirectory;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The sysroots in crosskit's cache: {@code <home>/sysroots/<target>-<suite>/}, each with its
 * manifest, and the private apt directories they are fetched through ({@code <home>/apt/}).
 * A sysroot appears whole or not at all: it is unpacked into a staging directory next to its
 * final place and moved there in one rename.
 */
public final class SysrootStore {
  private final Path home;
  private final ProcessRunner runner;
  private final Consumer<String> progress;
  private final Map<String, SysrootPins> pins;

  public SysrootStore(Path home, ProcessRunner runner, Consumer<String> progress) {
    this(home, runner, progress, Map.of());
  }

  /** A store that makes each target's sysroot of exactly the packages {@code pins} gives for it (crosskit.lock). */
  public SysrootStore(Path home, ProcessRunner runner, Consumer<String> progress, Map<String, SysrootPins> pins) {
    this.home = home.toAbsolutePath().normalize();
    this.runner = runner;
    this.progress = progress;
    this.pins = Map.copyOf(pins);
  }

  /** The locked packages of a target's sysroot; empty when nothing is locked for it. */
  SysrootPins pins(String target) {
    return pins.getOrDefault(target, new SysrootPins(Map.of(), Map.of()));
  }

  public Path home() {
    return home;
  }

  public Path sysrootsDir() {
    return home.resolve("sysroots");
  }

  public Path aptDir() {
    return home.resolve("apt");
  }

  ProcessRunner runner() {
    return runner;
  }

  Consumer<String> progress() {
    return progress;
  }

  /** What {@link #add} did. */
  public record Added(Sysroot sysroot, int downloaded, boolean upToDate, List<String> warnings) {}

  /**
   * Makes the glibc sysroot of {@code target} from {@code suite} hold {@code packages} (and what
   * they depend on, plus the suite's libc6, libc6-dev and linux-libc-dev). Packages already in
   * the sysroot are not fetched again; when all of them are there nothing runs at all.
   */
  public Added add(Target target, DebianSuite suite, List<String> packages) {
    try (CacheLock lock = CacheLock.acquire(sysrootsDir().resolve(".lock-" + Sysroot.id(target.name(), suite.name())))) {
      return addLocked(target, suite, packages);
    }
  }

  private Added addLocked(Target target, DebianSuite suite, List<String> packages) {
    if (target.isMusl()) {
      if (!packages.isEmpty()) {
        throw new BadInputException("Debian's library packages are built against glibc, so they cannot go into a musl sysroot; "
            + "run 'crosskit sysroot add " + target.name() + "' without packages to get the musl sysroot");
      }
      return new MuslSysroots(this).add(target);
    }
    String debianArch = debianArch(target);
    DebianSuites.builtIn().requireArchitecture(suite, debianArch, target.name());
    String multiarch = target.field("multiarch").orElseThrow();
    Optional<Sysroot> existing = find(target.name(), suite.name());
    Set<String> wanted = new LinkedHashSet<>(existing.map(Sysroot::packages).orElse(List.of()));
    wanted.addAll(packages);
    SysrootPins locked = pins(target.name());
    if (existing.isPresent() && Files.isDirectory(existing.get().rootPath())
        && new LinkedHashSet<>(existing.get().packages()).containsAll(wanted)
        && (locked.isEmpty() || locked.matches(existing.get()))) {
      return new Added(existing.get(), 0, true, List.of());
    }
    PrivateApt apt = PrivateApt.binaries(suite, debianArch, aptDir(), runner, progress);
    List<String> warnings;
    List<DebPackage> resolved;
    PrivateApt.Downloaded got;
    try (CacheLock lock = apt.lock()) {
      warnings = apt.update(false);
      Set<String> request = new LinkedHashSet<>();
      SysrootPackages.builtIn().glibcBase.forEach(name -> request.add(locked.spec(name)));
      wanted.forEach(name -> request.add(locked.spec(name)));
      request.addAll(locked.specs()); // the locked dependencies too, so apt resolves to their versions
      resolved = apt.resolve(request).stream()
          .filter(p -> !SysrootPackages.builtIn().skip.contains(p.name()))
          .toList();
      locked.requireSame(target.name(), resolved);
      got = apt.download(resolved);
    }
    locked.verify(target.name(), got.sha256());
    String glibc = resolved.stream().filter(p -> p.name().equals("libc6")).findFirst()
        .map(DebPackage::upstreamVersion).map(SysrootStore::majorMinor).orElse(suite.glibc());
    Path dest = sysrootsDir().resolve(Sysroot.id(target.name(), suite.name()));
    Sysroot sysroot = new Sysroot(target.name(), suite.name(), "glibc", debianArch, multiarch, dest.toString(),
        List.copyOf(wanted), resolved.stream().map(p -> p.name() + "=" + p.version()).toList(), glibc, null, "debian",
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), got.sha256());
    progress.accept("unpacking " + got.debs().size() + " packages into " + dest);
    install(sysroot, staging -> got.debs().forEach(deb -> DebExtractor.extractDeb(deb, staging)));
    return new Added(sysroot, got.fetched(), false, warnings);
  }

  /**
   * What a build calls: the sysroot for {@code target} holding {@code packages}, from the suite
   * that gives {@code glibcFloor} (null: the default suite, bookworm). musl targets ignore the
   * floor and must not ask for packages.
   */
  public Added ensure(Target target, String glibcFloor, List<String> packages) {
    return add(target, suiteFor(target, glibcFloor), packages);
  }

  /** The sysroot {@link #ensure} would use for {@code target} and {@code glibcFloor}, if it was made; nothing is made. */
  public Optional<Sysroot> existing(Target target, String glibcFloor) {
    return find(target.name(), suiteFor(target, glibcFloor).name());
  }

  private static DebianSuite suiteFor(Target target, String glibcFloor) {
    DebianSuites suites = DebianSuites.builtIn();
    return glibcFloor == null || glibcFloor.isBlank() || target.isMusl() ? suites.defaultSuite()
        : suites.forGlibcFloor(glibcFloor);
  }

  /** The Debian architecture of a glibc target, or a clear error when Debian has none (armv6 hard-float). */
  static String debianArch(Target target) {
    if (!target.isLinux() || !(target.isGlibc() || target.isMusl())) {
      throw new BadInputException("sysroots are for Linux targets; " + target.name() + " is " + target.os() + "/" + target.libc());
    }
    Optional<String> arch = target.field("debianArch");
    if (arch.isEmpty() || arch.get().startsWith("musl-")) {
      throw new BadInputException("Debian has no architecture for " + target.name()
          + (target.name().startsWith("armv6") ? " (its armhf is ARMv7); for ARMv6 use armv6-linux-musleabihf, which crosskit builds from source"
              : ""));
    }
    return arch.get();
  }

  /** What fills a staging directory before it becomes a sysroot. */
  interface Filler {
    void fill(Path staging) throws IOException;
  }

  /**
   * Fills a fresh staging directory next to the sysroot's place, checks its symlinks, writes the
   * manifest into it and renames it into place (an older sysroot is moved aside, then deleted).
   */
  void install(Sysroot sysroot, Filler filler) {
    Path dest = sysroot.rootPath();
    try {
      Files.createDirectories(dest.getParent());
      removeLeftovers(dest);
      try (StagedDirectory staged = new StagedDirectory(dest)) {
        filler.fill(staged.path());
        DebExtractor.verifySymlinks(staged.path());
        Files.writeString(staged.path().resolve(Sysroot.MANIFEST), Json.write(sysroot) + "\n");
        staged.commit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build sysroot " + dest, e);
    }
  }

  /**
   * Deletes what an interrupted crosskit left next to {@code dest}: staging directories of
   * processes that are gone, and sysroots that were being replaced or removed (also under the
   * names an earlier crosskit gave them). Called under the sysroot's lock, so no live crosskit in
   * this JVM is using them.
   */
  private static void removeLeftovers(Path dest) throws IOException {
    StagedDirectory.removeLeftovers(dest);
    String name = dest.getFileName().toString();
    try (Stream<Path> siblings = Files.list(dest.getParent())) {
      for (Path p : siblings.toList()) {
        String n = p.getFileName().toString();
        boolean oldOrRemoving = n.startsWith(".old-" + name + "-") || n.startsWith(".removing-" + name + "-");
        boolean deadStaging = false;
        if (n.startsWith(".staging-" + name + "-")) {
          String[] parts = n.substring((".staging-" + name + "-").length()).split("-");
          deadStaging = parts.length == 2 && parts[0].matches("\\d+")
              && ProcessHandle.of(Long.parseLong(parts[0])).map(h -> !h.isAlive()).orElse(true);
        }
        if (oldOrRemoving || deadStaging) {
          Deletion.tree(p);
        }
      }
    }
  }

  /** Every sysroot in the cache, by name. */
  public List<Sysroot> list() {
    Path dir = sysrootsDir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Sysroot> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
        read(p).ifPresent(all::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** The sysroot of {@code target} from {@code suite}, if it was added. */
  public Optional<Sysroot> find(String target, String suite) {
    return read(sysrootsDir().resolve(Sysroot.id(target, suite))).map(this::withHashes);
  }

  /**
   * A sysroot made before crosskit recorded its .debs' SHA-256 gets them from the .debs still in
   * apt's cache, written into its manifest (nothing else changes, so what was built against it
   * stays valid); without every .deb it stays as it is.
   */
  private Sysroot withHashes(Sysroot s) {
    if (!s.sha256().isEmpty() || !"debian".equals(s.origin()) || s.debianArch() == null) {
      return s;
    }
    Path archives = aptDir().resolve(s.suite() + "-" + s.debianArch()).resolve("archives");
    Map<String, String> sha256 = new java.util.TreeMap<>();
    for (String nv : s.installed()) {
      int eq = nv.indexOf('=');
      if (eq <= 0) {
        return s;
      }
      String name = nv.substring(0, eq);
      Optional<Path> deb = Stream.of(s.debianArch(), "all")
          .map(arch -> archives.resolve(new DebPackage(name, nv.substring(eq + 1), arch).fileName()))
          .filter(Files::isRegularFile).findFirst();
      if (deb.isEmpty()) {
        return s;
      }
      try {
        sha256.put(name, dev.crosskit.base.Digests.sha256(deb.get()));
      } catch (IOException e) {
        return s;
      }
    }
    Sysroot hashed = new Sysroot(s.target(), s.suite(), s.libc(), s.debianArch(), s.multiarch(), s.root(), s.packages(),
        s.installed(), s.glibc(), s.musl(), s.origin(), s.created(), sha256);
    try {
      dev.crosskit.base.AtomicFiles.write(s.rootPath().resolve(Sysroot.MANIFEST), Json.write(hashed) + "\n");
    } catch (IOException e) {
      return s; // a read-only cache: the hashes are still right for this run
    }
    return hashed;
  }

  /** The sysroots of one target, any suite. */
  public List<Sysroot> forTarget(String target) {
    return list().stream().filter(s -> s.target().equals(target)).toList();
  }

  private static Optional<Sysroot> read(Path dir) {
    Path manifest = dir.resolve(Sysroot.MANIFEST);
    if (dir.getFileName().toString().startsWith(".") || !Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    try {
      Sysroot s = Json.mapper().readValue(manifest.toFile(), Sysroot.class);
      if (s.target() == null || s.libcVersion() == null || !s.libcVersion().matches("\\d+\\.\\d+(\\.\\d+)?")) {
        return Optional.empty(); // a manifest crosskit cannot trust: the sysroot is made again
      }
      untampered(s, manifest);
      // The manifest travels with the directory: trust where it is, not where it was written.
      return Optional.of(new Sysroot(s.target(), s.suite(), s.libc(), s.debianArch(), s.multiarch(),
          dir.toAbsolutePath().toString(), s.packages(), s.installed(), s.glibc(), s.musl(), s.origin(), s.created(), s.sha256()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Refuses a manifest whose package list could not have been written by crosskit: its names go
   * back to apt-get on the next {@code add}, so one that is an option or a pattern must stop here.
   */
  private static void untampered(Sysroot s, Path manifest) {
    List<String> names = new ArrayList<>(s.packages() == null ? List.of() : s.packages());
    (s.installed() == null ? List.<String>of() : s.installed()).forEach(i -> names.add(i.replaceFirst("=.*", "")));
    for (String name : names) {
      if (!DebianPackageName.valid(name)) {
        throw new BadInputException(manifest + ": " + DebianPackageName.problem(name) + "; the sysroot's manifest was"
            + " changed outside crosskit: remove it with 'crosskit sysroot remove " + s.target() + " --suite " + s.suite()
            + "' and add it again");
      }
    }
  }

  /** Deletes a sysroot; returns false when there was none. */
  public boolean remove(String target, String suite) {
    Path dir = sysrootsDir().resolve(Sysroot.id(target, suite));
    if (!Files.exists(dir.resolve(Sysroot.MANIFEST))) {
      return false;
    }
    Path doomed = dir.resolveSibling(".removing-" + dir.getFileName() + "-" + System.nanoTime());
    try {
      Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
    Deletion.treeUnchecked(doomed);
    return true;
  }

  static String majorMinor(String version) {
    String[] parts = version.split("\\.");
    return parts.length >= 2 ? parts[0] + "." + parts[1].replaceAll("\\D.*", "") : version;
  }
}
