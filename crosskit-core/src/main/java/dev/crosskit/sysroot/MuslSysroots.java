package dev.crosskit.sysroot;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.FailedException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * musl sysroots for static Linux binaries. Where Debian ships musl for the architecture
 * (amd64, arm64, armhf, i386) its musl-dev and musl packages are unpacked through the private
 * apt; elsewhere (riscv64 on bookworm, and armv6, whose code Debian's armhf musl is not) musl is
 * built once from Debian's source package with the host's gcc cross compiler. Either way the
 * compiler is the host's {@code <triple>-gcc} with a specs file (the same one musl's
 * {@code musl-gcc} wrapper and Debian's {@code <triple>-musl-gcc} use) whose paths point into
 * the sysroot.
 */
public final class MuslSysroots {
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
  static final String SPECS = "musl-gcc.specs";

  private final SysrootStore store;

  public MuslSysroots(SysrootStore store) {
    this.store = store;
  }

  /** The replacement runtime's list of what it holds: a recipe with other members means a rebuild. */
  static final String RUNTIME_MEMBERS = "members.txt";

  /**
   * True when a sysroot's replacement gcc runtime was made from another recipe than the current
   * one (e.g. before the float helpers were taken from armel too): it is then built again.
   */
  static boolean stale(Sysroot s) {
    Optional<MuslRecipes.Source> src = MuslRecipes.source(s.target());
    if (src.isEmpty() || src.get().gccRuntime() == null) {
      return false;
    }
    Path list = s.rootPath().resolve(GCC_RUNTIME_DIR).resolve(RUNTIME_MEMBERS);
    try {
      return !Files.isRegularFile(list) || !Files.readAllLines(list).equals(runtimeMembers(src.get().gccRuntime()));
    } catch (IOException e) {
      return true;
    }
  }

  private static List<String> runtimeMembers(MuslRecipes.GccRuntime rt) {
    List<String> all = new ArrayList<>(rt.objects());
    all.addAll(rt.libgccMembers());
    return all;
  }

  /** Where the replacement runtime goes inside the sysroot. */
  static final String GCC_RUNTIME_DIR = "usr/lib/crosskit-gcc-runtime";
  static final String LIBGCC_SUBSET = "libgcc-int.a";

  /** The musl targets crosskit can make sysroots for. */
  public static List<String> supportedTargets() {
    return MuslRecipes.targets();
  }

  /** The musl sysroot of {@code target} (made on first use) and the compiler invocation for it. */
  public MuslToolchain ensure(Target target) {
    Sysroot s = store.find(target.name(), suite().name()).filter(found -> !stale(found) && unlockedOrAsLocked(found))
        .orElseGet(() -> store.add(target, suite(), List.of()).sysroot());
    MuslRecipes.source(target.name()).ifPresent(src -> refreshSpecs(s, src));
    return toolchain(target, s);
  }

  /** Makes (or finds) the musl sysroot of {@code target}. */
  SysrootStore.Added add(Target target) {
    MuslRecipes.Source src = MuslRecipes.source(target.name()).orElseThrow(() -> new BadInputException(
        "crosskit has no musl sysroot recipe for " + target.name() + "; musl targets: "
        + String.join(", ", supportedTargets())));
    DebianSuite suite = suite();
    Optional<Sysroot> existing = store.find(target.name(), suite.name());
    if (existing.isPresent() && !stale(existing.get()) && unlockedOrAsLocked(existing.get())) {
      refreshSpecs(existing.get(), src);
      return new SysrootStore.Added(existing.get(), 0, true, List.of());
    }
    requireCompiler(src);
    return src.fromDebian() ? fromDebian(target, src, suite) : fromSource(target, src, suite);
  }

  /**
   * The recipe of a musl target's sysroot as crosskit.lock pins it: where musl comes from, the
   * suite, and a hash of the target's musl-targets.json entry (a changed recipe is drift); empty
   * for a target without one. The musl version itself is among the sysroot's packages.
   */
  public static Optional<String> recipeKey(String target) {
    return MuslRecipes.source(target).map(src -> src.kind() + " " + suite().name() + " recipe "
        + RecipeKeys.hash(MuslRecipes.describe(target).orElseThrow()));
  }

  /** Whether nothing is locked for the sysroot's target, or the sysroot holds what is (musl from source: its version). */
  private boolean unlockedOrAsLocked(Sysroot s) {
    SysrootPins locked = store.pins(s.target());
    return locked.isEmpty() || locked.matches(s);
  }

  /** musl comes from the default suite: bookworm's 1.2.3. */
  static DebianSuite suite() {
    return DebianSuites.builtIn().defaultSuite();
  }

  private SysrootStore.Added fromDebian(Target target, MuslRecipes.Source src, DebianSuite suite) {
    PrivateApt apt = PrivateApt.binaries(suite, src.debianArch(), store.aptDir(), store.runner(), store.progress());
    List<String> warnings;
    List<DebPackage> pkgs;
    PrivateApt.Downloaded got;
    try (CacheLock lock = apt.lock()) {
      warnings = apt.update(false);
      SysrootPins locked = store.pins(target.name());
      pkgs = apt.exact(List.of(locked.spec("musl-dev"), locked.spec("musl")));
      got = apt.download(pkgs);
      locked.verify(target.name(), got.sha256());
    }
    String version = pkgs.stream().filter(p -> p.name().equals("musl-dev")).findFirst().map(DebPackage::upstreamVersion)
        .orElse(suite.musl());
    Sysroot s = sysroot(target, suite, src.debianArch(), pkgs.stream().map(p -> p.name() + "=" + p.version()).toList(),
        version, "debian", got.sha256());
    store.progress().accept("unpacking musl " + version + " for " + target.name() + " into " + s.root());
    store.install(s, staging -> {
      got.debs().forEach(deb -> DebExtractor.extractDeb(deb, staging));
      writeSpecs(staging, s, src);
    });
    return new SysrootStore.Added(s, got.fetched(), false, warnings);
  }

  /**
   * Builds musl from Debian's source package (Debian's patches applied) with the gcc cross
   * compiler and the target's cflags, static only, installed into the sysroot in the same
   * layout Debian's musl-dev uses.
   */
  private SysrootStore.Added fromSource(Target target, MuslRecipes.Source src, DebianSuite suite) {
    PrivateApt apt = PrivateApt.sources(suite, store.aptDir(), store.runner(), store.progress());
    List<String> warnings;
    Path source;
    try (CacheLock lock = apt.lock()) {
      warnings = apt.update(false);
      source = apt.sourcePackages().source("musl");
    }
    String version = source.getFileName().toString().substring("musl-".length());
    String lockedVersion = store.pins(target.name()).versions().get("musl-source");
    if (lockedVersion != null && !lockedVersion.equals(version)) {
      throw new FailedException("crosskit.lock pins musl-source " + lockedVersion + " for " + target.name() + ", but "
          + suite.name() + " serves " + version + " (run 'crosskit lock' to accept it)");
    }
    String ma = target.field("multiarch").orElseThrow();
    Sysroot s = sysroot(target, suite, null, List.of("musl-source=" + version), version, "source", Map.of());
    store.progress().accept("building musl " + version + " for " + target.name() + " from Debian's source (" + src.why() + ")");
    Path build = store.home().resolve("build").resolve("musl-" + target.name() + "-" + System.nanoTime());
    try {
      Files.createDirectories(build);
      store.install(s, staging -> {
        String cc = src.gccPrefix() + "gcc";
        List<String> configure = new ArrayList<>(List.of(source.resolve("configure").toString(),
            "--target=" + src.gccPrefix().replaceAll("-$", ""), "--prefix=/usr", "--includedir=/usr/include/" + ma,
            "--libdir=/usr/lib/" + ma, "--syslibdir=/lib", "--disable-shared",
            "CROSS_COMPILE=" + src.gccPrefix(), "CC=" + cc, "CFLAGS=-O2 " + target.archCflags()));
        run(configure, build, "configure");
        run(List.of("make", "-j" + Math.max(1, Runtime.getRuntime().availableProcessors())), build, "make");
        run(List.of("make", "install", "DESTDIR=" + staging), build, "make install");
        if (src.gccRuntime() != null) {
          installGccRuntime(src, staging, build);
        }
        writeSpecs(staging, s, src);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Deletion.treeUnchecked(build);
    }
    return new SysrootStore.Added(s, 0, false, warnings);
  }

  /**
   * Puts the replacement gcc runtime into the sysroot: the crt objects and the listed libgcc.a
   * members of another architecture's libgcc-dev package, with their .ARM.attributes removed
   * (they hold no floating point code, so the soft-float tag they carry means nothing here).
   */
  private void installGccRuntime(MuslRecipes.Source src, Path staging, Path build) throws IOException {
    MuslRecipes.GccRuntime rt = src.gccRuntime();
    PrivateApt apt = PrivateApt.binaries(suite(), rt.debianArch(), store.aptDir(), store.runner(), store.progress());
    PrivateApt.Downloaded got;
    try (CacheLock lock = apt.lock()) {
      apt.update(false);
      got = apt.download(apt.exact(List.of(rt.debianPackage())));
    }
    Path unpacked = Files.createDirectories(build.resolve("gcc-runtime"));
    DebExtractor.extractDeb(got.debs().get(0), unpacked);
    Path libgcc;
    try (var files = Files.walk(unpacked)) {
      libgcc = files.filter(p -> p.getFileName().toString().equals("libgcc.a")).findFirst()
          .orElseThrow(() -> new FailedException(rt.debianPackage() + ":" + rt.debianArch() + " has no libgcc.a"));
    }
    Path dir = Files.createDirectories(staging.resolve(GCC_RUNTIME_DIR));
    String objcopy = src.gccPrefix() + "objcopy";
    String ar = src.gccPrefix() + "ar";
    List<String> extract = new ArrayList<>(List.of(ar, "x", libgcc.toString()));
    extract.addAll(rt.libgccMembers());
    run(extract, dir, "ar x libgcc.a");
    for (String object : rt.objects()) {
      Files.copy(libgcc.resolveSibling(object), dir.resolve(object));
    }
    List<String> all = runtimeMembers(rt);
    for (String object : all) {
      run(List.of(objcopy, "--remove-section=.ARM.attributes", object), dir, "objcopy " + object);
    }
    List<String> archive = new ArrayList<>(List.of(ar, "rcs", LIBGCC_SUBSET));
    archive.addAll(rt.libgccMembers());
    run(archive, dir, "ar rcs");
    for (String member : rt.libgccMembers()) {
      Files.delete(dir.resolve(member));
    }
    Files.write(dir.resolve(RUNTIME_MEMBERS), all);
  }

  private void run(List<String> argv, Path cwd, String step) {
    Result r = store.runner().capture(new Command(argv, Map.of("LC_ALL", "C"), cwd, BUILD_TIMEOUT));
    if (!r.ok()) {
      throw new FailedException("building musl failed at " + step + ": " + r.tail(15));
    }
  }

  private Sysroot sysroot(Target target, DebianSuite suite, String debianArch, List<String> installed,
      String version, String origin, Map<String, String> sha256) {
    return new Sysroot(target.name(), suite.name(), "musl", debianArch, target.field("multiarch").orElseThrow(),
        store.sysrootsDir().resolve(Sysroot.id(target.name(), suite.name())).toString(), List.of(), installed, null, version, origin, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), sha256);
  }

  /** Writes crosskit's specs file into the sysroot, paths pointing at where the sysroot will live. */
  static void writeSpecs(Path staging, Sysroot s, MuslRecipes.Source src) throws IOException {
    Files.writeString(staging.resolve(SPECS), specs(s, src));
    if (!Files.isRegularFile(staging.resolve("usr/lib/" + s.multiarch() + "/libc.a"))) {
      throw new FailedException("the musl sysroot has no usr/lib/" + s.multiarch() + "/libc.a; the package layout changed?");
    }
  }

  /**
   * The specs file for a sysroot. It overrides whole specs and renames none (cpp_options is
   * gcc 12's default with the musl include path in front), so loading it twice is harmless:
   * builds pass {@code -specs} both in CFLAGS and LDFLAGS, and many link with both.
   */
  static String specs(Sysroot s, MuslRecipes.Source src) throws IOException {
    try (InputStream in = MuslSysroots.class.getResourceAsStream(SPECS)) {
      String runtime = s.root() + "/" + GCC_RUNTIME_DIR + "/";
      boolean own = src.gccRuntime() != null;
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("@CRTBEGIN@", own ? runtime + "crtbeginS.o" : "crtbeginS.o%s")
          .replace("@CRTEND@", own ? runtime + "crtendS.o" : "crtendS.o%s")
          .replace("@LIBGCC_FIRST@", own ? runtime + LIBGCC_SUBSET + " " : "")
          .replace("@ROOT@", s.root()).replace("@MULTIARCH@", s.multiarch()).replace("@LOADER@", src.loader());
    }
  }

  /**
   * Rewrites the specs file of a sysroot made by an older crosskit when it differs from the
   * current one (the file is derived from the resource; the rest of the sysroot is unchanged).
   */
  static void refreshSpecs(Sysroot s, MuslRecipes.Source src) {
    try {
      Path file = s.rootPath().resolve(SPECS);
      String want = specs(s, src);
      if (Files.isRegularFile(file) && Files.readString(file).equals(want)) {
        return;
      }
      AtomicFiles.write(file, want);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + s.rootPath().resolve(SPECS), e);
    }
  }

  /** The compiler invocation for a musl sysroot. */
  public static MuslToolchain toolchain(Target target, Sysroot s) {
    MuslRecipes.Source src = MuslRecipes.source(target.name()).orElseThrow(() -> new BadInputException(
        "no musl recipe for " + target.name()));
    List<String> cc = List.of(src.gccPrefix() + "gcc", "-specs", s.rootPath().resolve(SPECS).toString());
    String arch = target.archCflags();
    List<String> cflags = arch.isBlank() ? List.of() : List.of(arch.strip().split("\\s+"));
    List<String> ldflags = new ArrayList<>(List.of("-static"));
    return new MuslToolchain(target.name(), s, cc, cflags, ldflags);
  }

  private void requireCompiler(MuslRecipes.Source src) {
    Result r = store.runner().capture(Command.of(src.gccPrefix() + "gcc", "-dumpversion").withTimeout(Duration.ofSeconds(30)));
    if (!r.ok()) {
      throw new FailedException(src.gccPrefix() + "gcc is needed for this musl target; install it: apt-get install "
          + src.gccPackage());
    }
  }
}
