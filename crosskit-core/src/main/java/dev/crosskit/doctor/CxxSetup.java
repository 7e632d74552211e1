package dev.crosskit.doctor;

import dev.crosskit.base.UserException;
import dev.crosskit.host.Host;
import dev.crosskit.sysroot.BuildSysroots;
import dev.crosskit.sysroot.MuslCxxToolchain;
import dev.crosskit.target.Target;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code crosskit setup} with C++ (the default): after the packages, each musl target's musl
 * sysroot and libstdc++ for musl, built into crosskit's cache (minutes per target, once), so
 * later builds, {@code env} and {@code toolchain-file} find them ready.
 */
public final class CxxSetup {
  private CxxSetup() {}

  /** Whether {@code languages} ({@code --lang}) include C++ (c++, cxx or cpp). */
  public static boolean wanted(Set<String> languages) {
    return languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).anyMatch(l -> Set.of("c++", "cxx", "cpp").contains(l));
  }

  /** @return false when some target's C++ toolchain could not be made (each one is reported) */
  public static boolean provide(Host host, List<Target> targets, boolean dryRun, Consumer<String> out) {
    boolean ok = true;
    for (Target t : targets) {
      if (!t.isMusl() || !MuslCxxToolchain.supports(t.name())) {
        continue;
      }
      if (dryRun) {
        out.accept("Would build libstdc++ for " + t.name() + " into crosskit's cache (minutes, once)");
        continue;
      }
      try {
        BuildSysroots sysroots = host.buildSysroots(List.of(), null, true, out);
        sysroots.sysrootFor(t);
        out.accept("C++ for " + t.name() + ": libstdc++ for musl in " + new MuslCxxToolchain(host.sysroots()).dir(t.name()));
      } catch (UserException e) {
        out.accept("C++ for " + t.name() + ": FAILED: " + e.getMessage());
        ok = false;
      }
    }
    return ok;
  }
}
