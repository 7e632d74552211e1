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
 * Debian cross toolchain's own {@code /usr/<triple>} is used as before).
 *
 * <p>{@link #sysrootFor} may download packages or build musl (minutes the first time); the
 * answer is remembered, and the store's own cache makes later builds instant.
 */
public final class BuildSysroots implements SysrootProvider {
  private final SysrootStore store;
  private final ProcessRunner runner;
  private final List<String> packages;
  private final String glibcFloor;
  private final ConcurrentHashMap<String, Optional<ProvidedSysroot>> made = new ConcurrentHashMap<>();

  /**
   * @param packages Debian library packages the build needs (glibc targets only)
   * @param glibcFloor the oldest glibc the artifacts must run on, e.g. {@code 2.31}, or null
   */
  public BuildSysroots(SysrootStore store, ProcessRunner runner, List<String> packages, String glibcFloor) {
    this.store = store;
    this.runner = runner;
    this.packages = List.copyOf(packages);
    this.glibcFloor = glibcFloor == null || glibcFloor.isBlank() ? null : glibcFloor;
  }

  /**
   * A provider that makes nothing and only says which targets a build would get a sysroot for:
   * what {@code crosskit targets} and {@code doctor} use (no downloads there).
   */
  public static SysrootProvider onFirstBuild() {
    return new SysrootProvider() {
      @Override
      public Optional<ProvidedSysroot> sysrootFor(Target target) {
        return Optional.empty();
      }

      @Override
      public boolean providesOnFirstBuild(Target target) {
        return target.isMusl() && MuslSysroots.supportedTargets().contains(target.name());
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

  /**
   * Whether the host's g++ can build C++ against this target's sysroot: not with a glibc floor
   * older than the default suite's, because the host's libstdc++ needs the newer glibc (see
   * docs/sysroots.md). musl has no C++ compiler at all (toolchains.json).
   */
  public boolean cxxSupported(Target target) {
    if (target.isMusl() || glibcFloor == null) {
      return true;
    }
    DebianSuites suites = DebianSuites.builtIn();
    return suites.forGlibcFloor(glibcFloor).name().equals(suites.defaultSuite().name());
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
      return Optional.of(musl(new MuslSysroots(store).ensure(target)));
    }
    SysrootStore.Added added = store.ensure(target, glibcFloor, packages);
    added.warnings().forEach(w -> store.progress().accept("warning: " + w));
    return Optional.of(glibc(added.sysroot(), GccProbe.probe(target.gnuTriple() + "-", runner)));
  }

  /** A Debian glibc sysroot: gcc's flags that keep the cross compiler's own glibc out, and the tools' settings. */
  static ProvidedSysroot glibc(Sysroot s, GccProbe gcc) {
    SysrootFlags.GccFlags f = SysrootFlags.forGcc(s, gcc);
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
