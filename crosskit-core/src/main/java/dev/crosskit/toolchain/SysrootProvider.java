package dev.crosskit.toolchain;

import dev.crosskit.target.Target;
import java.util.Optional;

/**
 * Supplies sysroots that Debian's cross packages do not (musl for other arches, ARMv6, older
 * glibc, extra library packages). The sysroot store ({@code crosskit sysroot}) implements it; when
 * it answers for a target, its sysroot and flags take precedence over the Debian cross sysroot.
 */
@FunctionalInterface
public interface SysrootProvider {
  /** The sysroot for a target (which may mean making it now), or empty when this provider has none. */
  Optional<ProvidedSysroot> sysrootFor(Target target);

  /**
   * Whether a build would get a sysroot for {@code target} from a provider, without making it
   * now: lets {@code targets} and {@code doctor} say "available via sysroot" instead of a gap
   * while staying free of downloads.
   */
  default boolean providesOnFirstBuild(Target target) {
    return false;
  }

  /**
   * What C++ for {@code target} takes beyond the sysroot, when a build would make it (musl: a
   * libstdc++ crosskit builds once), for {@code doctor}; empty when nothing more is needed.
   */
  default Optional<String> cxxNote(Target target) {
    return Optional.empty();
  }

  /**
   * The providers asked in order: the first that has a sysroot for a target supplies it (the
   * sysroot store for Linux targets, the macOS SDK for Darwin ones).
   */
  static SysrootProvider firstOf(SysrootProvider... providers) {
    java.util.List<SysrootProvider> list = java.util.List.of(providers);
    return new SysrootProvider() {
      @Override
      public Optional<ProvidedSysroot> sysrootFor(Target target) {
        for (SysrootProvider p : list) {
          Optional<ProvidedSysroot> s = p.sysrootFor(target);
          if (s.isPresent()) {
            return s;
          }
        }
        return Optional.empty();
      }

      @Override
      public boolean providesOnFirstBuild(Target target) {
        return list.stream().anyMatch(p -> p.providesOnFirstBuild(target));
      }

      @Override
      public Optional<String> cxxNote(Target target) {
        return list.stream().map(p -> p.cxxNote(target)).flatMap(Optional::stream).findFirst();
      }
    };
  }

  /** A provider that has no sysroots (the default until a store is plugged in). */
  static SysrootProvider none() {
    return t -> Optional.empty();
  }
}
