package dev.crosskit.doctor;

import dev.crosskit.toolchain.Gap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code crosskit doctor} found: per target, one check per part (C, C++, Go, Rust, run,
 * binfmt, debug, cache), each with its status and, for a gap, the exact fix.
 */
public record DoctorReport(List<TargetReport> targets) {
  public DoctorReport {
    targets = List.copyOf(targets);
  }

  public enum Status {
    /** present and usable */
    OK,
    /** usable with a limitation the detail explains */
    PARTIAL,
    /** absent; the gaps say how to get it */
    MISSING,
    /** nothing on a Debian host provides it */
    UNSUPPORTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param item {@code C}, {@code C++}, {@code Go}, {@code Rust}, {@code run}, {@code binfmt}, {@code debug} or
   *     {@code cache}
   * @param detail what was found (paths), or the reason it is missing
   * @param gaps what is missing and the fix for each
   */
  public record Check(String item, Status status, String detail, List<Gap> gaps) {
    public Check {
      gaps = List.copyOf(gaps);
    }

    /** The fix commands of this check's gaps, merged: one apt-get line for all packages. */
    public List<String> fixes() {
      Set<String> packages = new LinkedHashSet<>();
      List<String> other = new ArrayList<>();
      for (Gap g : gaps) {
        if (!g.packages().isEmpty()) {
          packages.addAll(g.packages());
        } else if (!other.contains(g.fix())) {
          other.add(g.fix());
        }
      }
      List<String> all = new ArrayList<>();
      if (!packages.isEmpty()) {
        all.add("apt-get install " + String.join(" ", packages));
      }
      all.addAll(other);
      return all;
    }
  }

  public record TargetReport(String target, List<Check> checks) {
    public TargetReport {
      checks = List.copyOf(checks);
    }

    public boolean ok(String item) {
      return checks.stream().anyMatch(c -> c.item().equals(item) && c.status() != Status.MISSING
          && c.status() != Status.UNSUPPORTED);
    }
  }

  /** True when every target can build C and run its programs here. */
  public boolean buildAndRunReady() {
    return targets.stream().allMatch(t -> t.ok("C") && t.ok("run"));
  }
}
