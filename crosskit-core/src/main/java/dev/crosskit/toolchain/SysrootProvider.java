package dev.crosskit.toolchain;

import dev.crosskit.target.Target;
import java.util.Optional;

/**
 * Supplies sysroots that Debian's cross packages do not (musl for other arches, ARMv6, older
 * glibc). The sysroot store ({@code crosskit sysroot}) implements it; when it answers for a
 * target, its sysroot and flags take precedence over the Debian cross sysroot.
 */
@FunctionalInterface
public interface SysrootProvider {
  Optional<ProvidedSysroot> sysrootFor(Target target);

  /** A provider that has no sysroots (the default until a store is plugged in). */
  static SysrootProvider none() {
    return t -> Optional.empty();
  }
}
