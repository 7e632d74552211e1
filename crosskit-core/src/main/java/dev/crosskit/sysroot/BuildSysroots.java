package dev.crosskit.sysroot;

import dev.crosskit.base.BadInputException;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.ProvidedSysroot;
import dev.crosskit.toolchain.SysrootProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sysroots a build uses, made on demand from a target's settings: musl targets get their musl
 * sysroot (the host's gcc cross compiler with crosskit's specs file); glibc targets get a Debian
 * sysroot when the project asks for library packages or a glibc floor, otherwise none (the
 * Debian cross toolchain's own {@code /usr/<triple>} is used as before). A build that needs C++
 * also gets crosskit's libstdc++ for musl ({@link MuslCxxToolchain}) or, with a glibc floor below
 * the default suite's, that suite's libstdc++ ({@link GlibcCxx}); without it, those toolchains
 * have no C++ compiler and the provided sysroot says why.
 *
 * <p>{@link #sysrootFor} may download packages or build musl or libstdc++ (minutes the first
 * time); the answer is remembered, and the store's own cache makes later builds instant.
 */
public final class BuildSysroots implements SysrootProvider {
  private final SysrootStore store;
  private final ProcessRunner runner;
  private final List<String> packages;
  private final String glibcFloor;
  private final boolean cxx;
  private final ConcurrentHashMap<String, Optional<ProvidedSysroot>> made = new ConcurrentHashMap<>();

  /** Sysroots for a build that needs no C++ where C++ costs a build or packages. */
  public BuildSysroots(SysrootStore store, ProcessRunner runner, List<String> packages, String glibcFloor) {
    this(store, runner, packages, glibcFloor, false);
  }

  /**
   * @param packages Debian library packages the build needs (glibc targets only)
   * @param glibcFloor the oldest glibc the artifacts must run on, e.g. {@code 2.31}, or null
   * @param cxx whether the build needs C++: musl targets then get crosskit's libstdc++ (built
   *     once per target, minutes), glibc floors their suite's libstdc++; without it their
   *     toolchains have no C++ compiler (sysroots of the default suite serve C++ either way)
   */
  public BuildSysroots(SysrootStore store, ProcessRunner runner, List<String> packages, String glibcFloor, boolean cxx) {
    this.store = store;
    this.runner = runner;
    this.packages = List.copyOf(packages);
    this.glibcFloor = glibcFloor == null || glibcFloor.isBlank() ? null : glibcFloor;
    this.cxx = cxx;
  }

  /**
   * A provider that makes nothing and only says which targets a build would get a sysroot for:
   * what {@code crosskit targets} and {@code doctor} use (no downloads there).
   */
  public static SysrootProvider onFirstBuild() {
    return onFirstBuild(null);
  }

  /** The same, telling {@code doctor} whether the musl C++ toolchains are in {@code store}'s cache yet. */
  public static SysrootProvider onFirstBuild(SysrootStore store) {
    return new SysrootProvider() {
      @Override
      public Optional<ProvidedSysroot> sysrootFor(Target target) {
        return Optional.empty();
      }

      @Override
      public boolean providesOnFirstBuild(Target target) {
        return target.isMusl() && MuslSysroots.supportedTargets().contains(target.name());
      }

      @Override
      public Optional<String> cxxNote(Target target) {
        if (!target.isMusl()) {
          return Optional.empty();
        }
        if (!MuslCxxToolchain.supports(target.name())) {
          return Optional.of(noMuslCxx(target));
        }
        Optional<String> built = store == null ? Optional.empty() : new MuslCxxToolchain(store).built(target.name());
        return Optional.of(built.map(b -> "with crosskit's " + b)
            .orElse("with a libstdc++ for musl that crosskit builds on the first C++ build or by 'crosskit setup "
                + target.name() + "' (minutes, once)"));
      }
    };
  }

  /** Whether {@link #sysrootFor} answers for {@code target} with these settings (without making anything). */
  public boolean applies(Target target) {
    if (target.isMusl()) {
      return MuslSysroots.supportedTargets().contains(target.name());
    }
    return target.isGlibc() && (!packages.isEmpty() || glibcFloor != null);
  }

  @Override
  public boolean providesOnFirstBuild(Target target) {
    return applies(target);
  }

  @Override
  public Optional<ProvidedSysroot> sysrootFor(Target target) {
    return made.computeIfAbsent(target.name(), n -> make(target));
  }

  private Optional<ProvidedSysroot> make(Target target) {
    if (!applies(target)) {
      return Optional.empty();
    }
    if (target.isMusl()) {
      if (!packages.isEmpty()) {
        throw new BadInputException("packages " + packages + " are Debian glibc builds and cannot go into the "
            + target.name() + " sysroot; set them per glibc target ([target.<name>] packages = [...])");
      }
      MuslToolchain c = new MuslSysroots(store).ensure(target);
      if (!cxx) {
        return Optional.of(musl(c).withoutCxx("C++ for musl needs a libstdc++ crosskit builds once per target (minutes): "
            + "it does so for projects with C++ sources or [build] cxx = true"));
      }
      if (!MuslCxxToolchain.supports(target.name())) {
        return Optional.of(musl(c).withoutCxx(noMuslCxx(target)));
      }
      return Optional.of(musl(new MuslCxxToolchain(store).ensure(target, c)));
    }
    DebianSuites suites = DebianSuites.builtIn();
    DebianSuite suite = glibcFloor == null ? suites.defaultSuite() : suites.forGlibcFloor(glibcFloor);
    Optional<GlibcCxx.SuiteLibrary> suiteLibrary = GlibcCxx.suiteLibrary(suite.name());
    List<String> wanted = new ArrayList<>(packages);
    suiteLibrary.filter(l -> cxx).ifPresent(l -> {
      store.progress().accept("C++ with a glibc floor of " + suite.glibc() + ": " + suite.name() + "'s own " + l.debianPackage()
          + " (gcc " + l.gccVersion() + "'s libstdc++, linked statically)");
      if (!wanted.contains(l.debianPackage())) {
        wanted.add(l.debianPackage());
      }
    });
    SysrootStore.Added added = store.ensure(target, glibcFloor, wanted);
    added.warnings().forEach(w -> store.progress().accept("warning: " + w));
    GccProbe gcc = GccProbe.probe(target.gnuTriple() + "-", runner);
    if (suiteLibrary.isPresent() && !cxx) {
      return Optional.of(glibc(added.sysroot(), gcc, false).withoutCxx("C++ with a glibc floor of " + suite.glibc()
          + " uses " + suite.name() + "'s " + suiteLibrary.get().debianPackage() + " (the host's libstdc++ needs glibc 2.36): "
          + "crosskit adds it for projects with C++ sources or [build] cxx = true"));
    }
    return Optional.of(glibc(added.sysroot(), gcc, true));
  }

  /** Why a musl target has no C++. */
  static String noMuslCxx(Target target) {
    return "crosskit makes C++ for " + String.join(", ", MuslCxxToolchain.supportedTargets()) + ", not for " + target.name();
  }

  /**
   * A Debian glibc sysroot: gcc's flags that keep the cross compiler's own glibc out, and the
   * tools' settings; with {@code cxx}, the C++ flags too ({@link GlibcCxx}), which C builds
   * take as well (they only change where C++ headers and libstdc++ come from).
   */
  static ProvidedSysroot glibc(Sysroot s, GccProbe gcc, boolean cxx) {
    SysrootFlags.GccFlags f = SysrootFlags.forGcc(s, gcc);
    if (cxx) {
      f = GlibcCxx.flags(s, gcc, f);
    }
    return new ProvidedSysroot(s.rootPath(), f.cflags(), f.ldflags(), true, SysrootFlags.pkgConfigEnv(s),
        SysrootFlags.cmake(s), SysrootFlags.mesonProperties(s), SysrootFlags.qemuOptions(s));
  }

  /**
   * A musl sysroot: the specs file goes into both the compile and the link flags (it is safe to
   * load twice), since builds link with LDFLAGS alone too (Meson, Cargo, cgo).
   */
  static ProvidedSysroot musl(MuslToolchain m) {
    List<String> specs = m.cc().subList(1, m.cc().size());
    List<String> ldflags = new ArrayList<>(specs);
    ldflags.addAll(m.ldflags());
    Sysroot s = m.sysroot();
    return new ProvidedSysroot(s.rootPath(), specs, ldflags, true, SysrootFlags.pkgConfigEnv(s),
        SysrootFlags.cmake(s), SysrootFlags.mesonProperties(s), List.of());
  }
}
