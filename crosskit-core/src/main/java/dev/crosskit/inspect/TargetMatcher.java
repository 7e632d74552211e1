package dev.crosskit.inspect;

import dev.crosskit.target.Target;
import dev.crosskit.target.TargetCatalog;
import java.util.Optional;

/**
 * Maps a binary back to a catalog target: machine code of its format, bitness, endianness, OS,
 * libc (when the binary shows it) and float ABI / ARM variant. The first catalog target that
 * fits wins, as catalog order breaks ties everywhere else.
 */
public final class TargetMatcher {
  private TargetMatcher() {}

  public static Optional<Target> match(BinaryFacts facts) {
    return match(facts, TargetCatalog.builtIn());
  }

  public static Optional<Target> match(BinaryFacts facts, TargetCatalog catalog) {
    for (Target t : catalog.all()) {
      if (fits(facts, t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static boolean fits(BinaryFacts f, Target t) {
    if (f.os() == null || !f.os().equals(t.os()) || f.bits() != t.bits() || !f.endian().equals(t.endian())) {
      return false;
    }
    String machineKey = switch (f.format()) {
      case "elf" -> "elfMachine";
      case "pe" -> "peMachine";
      default -> "machoCpuType";
    };
    long machine = switch (f.format()) {
      case "elf" -> f.elf().machine();
      case "pe" -> f.pe().machine();
      default -> f.macho().slices().get(0).cpuType() & 0xffffffffL;
    };
    if (!t.field(machineKey).map(m -> m.equals(Long.toString(machine))).orElse(false)) {
      return false;
    }
    if (f.libc() != null && !f.libc().equals(t.libc())) {
      return false;
    }
    // A static binary without glibc's ABI note does not show its libc: no target rather than a guess.
    if (f.libc() == null) {
      return false;
    }
    if (f.floatAbi() != null && t.floatAbi() != null && !f.floatAbi().equals(t.floatAbi())) {
      return false;
    }
    if (f.floatAbi() != null && t.floatAbi() == null && "arm".equals(t.arch())) {
      return false;
    }
    return f.variant() == null || t.variant() == null || f.variant().equals(t.variant());
  }
}
