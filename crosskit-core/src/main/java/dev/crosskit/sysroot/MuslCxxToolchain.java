package dev.crosskit.sysroot;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.Digests;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.StagedDirectory;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * C++ for musl targets: a libstdc++ built for musl, once per target, into
 * {@code <home>/cxx/<target>/} (headers, libstdc++.a, libsupc++.a, the unwinder pieces and the
 * C++ specs file), used by the host's {@code <triple>-g++} through {@code -specs}. The compiler
 * and C library stay those of the target's musl sysroot ({@link MuslSysroots}); the C++ specs
 * replace the C specs in a build's flags and serve C as well.
 *
 * <p>The toolchain is keyed by its recipe ({@code recipe.txt}): musl-cxx.json's part for the
 * target, the cross compiler's version, the target's flags, the musl sysroot it was built
 * against and the hashes of crosskit's own C sources it compiles. A toolchain whose recipe matches is used as it is (no
 * process but {@code g++ --version}); otherwise it is built again. A build goes into a staging
 * directory next to its place and is renamed there only when complete, with recipe.txt written
 * last, so an interrupted or failed build leaves nothing a later run uses.
 */
public final class MuslCxxToolchain {
  static final String SPECS = "musl-g++.specs";
  static final String RECIPE = "recipe.txt";
  static final String BUILT = "built.txt";
  static final String ATOMIC_OPS = "libatomic-ops.a";
  /** The _dl_find_object shim gcc 12's DWARF unwinder needs on musl (shared with Rust's std). */
  static final String SHIM = "/dev/crosskit/rust/dl_find_object.c";

  private final SysrootStore store;
  private final MuslCxxRecipe recipe;

  public MuslCxxToolchain(SysrootStore store) {
    this(store, MuslCxxRecipe.builtIn());
  }

  MuslCxxToolchain(SysrootStore store, MuslCxxRecipe recipe) {
    this.store = store;
    this.recipe = recipe;
  }

  /** Whether crosskit makes C++ for this musl target. */
  public static boolean supports(String target) {
    return MuslCxxRecipe.builtIn().entry(target).isPresent();
  }

  /** The musl targets crosskit makes C++ for. */
  public static List<String> supportedTargets() {
    return MuslCxxRecipe.builtIn().targets();
  }

  /**
   * The recipe of a target's C++ toolchain as crosskit.lock pins it: Debian's gcc source package,
   * the library's version and a hash of the target's recipe (musl-cxx.json's part for it); empty
   * for a target crosskit makes no C++ for. The compiler and sysroot it is built against are
   * pinned on their own.
   */
  public static Optional<String> recipeKey(String target) {
    MuslCxxRecipe recipe = MuslCxxRecipe.builtIn();
    return recipe.entry(target).map(e -> recipe.sourcePackage() + " " + recipe.gccVersion() + " recipe "
        + RecipeKeys.hash(recipe.describe(target)));
  }

  /** Where a target's C++ toolchain lives. */
  public Path dir(String target) {
    return store.home().resolve("cxx").resolve(target);
  }

  /**
   * What the cache holds for a target, for {@code doctor} (a file check, no process): the line
   * "libstdc++ ... built ..." of a complete toolchain, or empty when none was built yet.
   */
  public Optional<String> built(String target) {
    Path dir = dir(target);
    try {
      if (Files.isRegularFile(dir.resolve(RECIPE)) && Files.isRegularFile(dir.resolve(BUILT))) {
        return Files.readAllLines(dir.resolve(BUILT)).stream().findFirst();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The target's toolchain with C++: {@code c}'s compiler and flags, with the C++ specs in place
   * of the C specs. Builds libstdc++ first when the cache has none for the current recipe.
   *
   * @param c the target's musl C toolchain ({@link MuslSysroots#ensure})
   */
  public MuslToolchain ensure(Target target, MuslToolchain c) {
    MuslCxxRecipe.Entry entry = recipe.entry(target.name()).orElseThrow(() -> new BadInputException(
        "crosskit makes no C++ toolchain for " + target.name() + "; C++ musl targets: "
            + String.join(", ", recipe.targets())));
    MuslRecipes.Source src = MuslRecipes.source(target.name()).orElseThrow();
    String key = key(target, c, compiler(src));
    Path dir = dir(target.name());
    try (CacheLock lock = CacheLock.acquire(store.home().resolve("cxx").resolve(".lock-" + target.name()))) {
      if (!current(dir, key)) {
        build(target, entry, c, src, key, dir);
      }
      refreshSpecs(dir, entry, c);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the C++ toolchain for " + target.name(), e);
    }
    List<String> cc = List.of(src.gccPrefix() + "gcc", "-specs", dir.resolve(SPECS).toString());
    return new MuslToolchain(target.name(), c.sysroot(), cc, c.cflags(), c.ldflags());
  }

  /** The recipe key: everything that decides what the build produces. */
  String key(Target target, MuslToolchain c, String compiler) {
    Sysroot s = c.sysroot();
    return recipe.describe(target.name())
        + "compiler " + compiler + "\n"
        + "cflags " + String.join(" ", c.cflags()) + "\n"
        + "sysroot " + s.id() + " musl " + s.musl() + " " + s.origin() + " " + s.created() + " "
        + String.join(" ", s.installed()) + "\n"
        + "sources " + sourcesHash(recipe.entry(target.name()).orElseThrow()) + "\n";
  }

  private static boolean current(Path dir, String key) throws IOException {
    Path recipeFile = dir.resolve(RECIPE);
    return Files.isRegularFile(recipeFile) && Files.readString(recipeFile).equals(key)
        && Files.isRegularFile(dir.resolve("lib/libstdc++.a"));
  }

  private void build(Target target, MuslCxxRecipe.Entry entry, MuslToolchain c, MuslRecipes.Source src, String key,
      Path dir) throws IOException {
    boolean replacing = Files.isDirectory(dir);
    GccSource source = GccSource.ensure(store, recipe);
    Path logs = Files.createDirectories(store.home().resolve("cxx/logs"));
    Path log = logs.resolve(target.name() + ".log");
    Files.deleteIfExists(log);
    Path work = store.home().resolve("build").resolve("cxx-" + target.name() + "-" + ProcessHandle.current().pid()
        + "-" + System.nanoTime());
    removeDeadWork(work.getParent(), "cxx-" + target.name() + "-");
    StagedDirectory.removeLeftovers(dir);
    // One libstdc++ build at a time: each already uses every core (make -j), and the per-target
    // elapsed times it reports then mean something.
    try (CacheLock building = CacheLock.acquire(store.home().resolve("cxx/.lock-build"));
        StagedDirectory staged = new StagedDirectory(dir)) {
      long start = System.nanoTime();
      store.progress().accept("building libstdc++ " + source.tree().getFileName().toString().replace("gcc-", "")
          + " for " + target.name() + " from Debian's " + recipe.sourcePackage() + " " + source.version()
          + (replacing ? " (its recipe changed)" : "") + ", once; this takes minutes (log: " + log + ")");
      Files.createDirectories(work);
      new LibstdcxxBuild(store, recipe, entry, c, src.gccPrefix(), work, log).run(source, staged.path());
      Files.writeString(staged.path().resolve(SPECS), specs(dir, entry, c));
      Files.writeString(staged.path().resolve(BUILT), "libstdc++ " + source.tree().getFileName() + " from "
          + recipe.sourcePackage() + " " + source.version() + ", built " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
          + " in " + Heartbeat.elapsed(start) + "\n");
      Files.writeString(staged.path().resolve(RECIPE), key); // last: what makes the directory trusted
      staged.commit();
      store.progress().accept("libstdc++ for " + target.name() + " built in " + Heartbeat.elapsed(start) + ": " + dir);
    } finally {
      Deletion.treeUnchecked(work);
    }
  }

  /** Scratch directories of builds whose process is gone (a killed crosskit), deleted before a new one. */
  private static void removeDeadWork(Path buildDir, String prefix) throws IOException {
    if (!Files.isDirectory(buildDir)) {
      return;
    }
    try (Stream<Path> s = Files.list(buildDir)) {
      for (Path p : s.filter(d -> d.getFileName().toString().startsWith(prefix)).toList()) {
        String[] parts = p.getFileName().toString().substring(prefix.length()).split("-");
        if (parts.length == 2 && parts[0].matches("\\d{1,18}")
            && ProcessHandle.of(Long.parseLong(parts[0])).map(h -> !h.isAlive()).orElse(true)) {
          Deletion.tree(p);
        }
      }
    }
  }

  /** The C++ specs for the toolchain in {@code dir}, derived from the sysroot's current C specs. */
  private String specs(Path dir, MuslCxxRecipe.Entry entry, MuslToolchain c) throws IOException {
    String cSpecs = Files.readString(c.sysroot().rootPath().resolve(MuslSysroots.SPECS));
    List<String> before = new ArrayList<>();
    if (entry.unwinder() != null) {
      before.add(dir.resolve("lib").resolve(ATOMIC_OPS).toString());
    }
    return CxxSpecs.derive(cSpecs, dir.toString(), recipe.gccVersion(), entry.host(), before,
        entry.libgccExtra());
  }

  /** Rewrites the specs when the sysroot's C specs or the paths changed (the library itself did not). */
  private void refreshSpecs(Path dir, MuslCxxRecipe.Entry entry, MuslToolchain c) throws IOException {
    String want = specs(dir, entry, c);
    Path file = dir.resolve(SPECS);
    if (!Files.isRegularFile(file) || !Files.readString(file).equals(want)) {
      AtomicFiles.write(file, want);
    }
  }

  /** The cross g++'s version line ({@code aarch64-linux-gnu-g++ (Debian 12.2.0-14) 12.2.0}); a clear error without it. */
  private String compiler(MuslRecipes.Source src) {
    String gxx = src.gccPrefix() + "g++";
    Result r = store.runner().capture(Command.of(gxx, "--version").withTimeout(Duration.ofSeconds(30)));
    if (!r.ok() || r.output().isBlank()) {
      throw new FailedException(gxx + " is needed for C++ on musl; install it: apt-get install "
          + ("gcc".equals(src.gccPackage()) ? "g++" : src.gccPackage().replaceFirst("^gcc", "g++")));
    }
    return r.output().lines().findFirst().orElse("").strip();
  }

  /** SHA-256 over crosskit's own C sources the target's build compiles (the shim, armv6's 64-bit atomics). */
  private static String sourcesHash(MuslCxxRecipe.Entry entry) {
    List<String> sources = new ArrayList<>(List.of(SHIM));
    if (entry.unwinder() != null && entry.unwinder().atomics64() != null) {
      sources.add(entry.unwinder().atomics64());
    }
    StringBuilder sb = new StringBuilder();
    for (String s : sources) {
      try (InputStream in = resource(s)) {
        sb.append(s).append(' ').append(Digests.sha256(in.readAllBytes())).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Digests.sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A resource by absolute path or by name next to this class. */
  static InputStream resource(String name) {
    InputStream in = MuslCxxToolchain.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return in;
  }
}
