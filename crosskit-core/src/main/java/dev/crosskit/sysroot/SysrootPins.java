package dev.crosskit.sysroot;

import dev.crosskit.base.FailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact packages one target's sysroot must be made of, from crosskit.lock: each package's
 * Debian version and the SHA-256 of its .deb. A sysroot made under pins asks apt for those
 * versions ({@code name=version}) and refuses a .deb whose hash differs; an existing sysroot of
 * other versions is made again.
 *
 * @param versions Debian version by package name
 * @param sha256 the .deb's SHA-256 by package name
 */
public record SysrootPins(Map<String, String> versions, Map<String, String> sha256) {
  public SysrootPins {
    versions = versions == null ? Map.of() : new TreeMap<>(versions);
    sha256 = sha256 == null ? Map.of() : new TreeMap<>(sha256);
  }

  public boolean isEmpty() {
    return versions.isEmpty();
  }

  /** {@code name} pinned to its locked version, or as it is when the lock has no version for it. */
  public String spec(String name) {
    String v = versions.get(name);
    return v == null ? name : name + "=" + v;
  }

  /** Every locked package as {@code name=version}: asked for together, apt resolves dependencies to them too. */
  public List<String> specs() {
    return versions.keySet().stream().map(this::spec).toList();
  }

  /** Whether a sysroot holds exactly the locked versions and hashes. */
  public boolean matches(Sysroot s) {
    Map<String, String> installed = new TreeMap<>();
    for (String nv : s.installed()) {
      int eq = nv.indexOf('=');
      if (eq > 0) {
        installed.put(nv.substring(0, eq), nv.substring(eq + 1));
      }
    }
    return installed.equals(versions) && s.sha256().equals(sha256);
  }

  /**
   * Fails (exit 1) when the packages apt resolved are not the locked ones: the project's sysroot
   * packages changed since the lock was written (a sysroot made anyway would differ from it on
   * every run).
   */
  public void requireSame(String target, List<DebPackage> resolved) {
    if (isEmpty()) {
      return;
    }
    List<String> other = resolved.stream().filter(p -> !p.version().equals(versions.get(p.name())))
        .map(p -> p.name() + " " + p.version()).toList();
    if (!other.isEmpty()) {
      throw new FailedException("the sysroot for " + target + " needs packages crosskit.lock does not pin: "
          + String.join(", ", other) + " (its packages changed since; run 'crosskit lock')");
    }
  }

  /**
   * Fails (exit 1) naming each locked package whose downloaded .deb has another SHA-256 than the
   * lock's, or that was not downloaded at all.
   */
  public void verify(String target, Map<String, String> downloaded) {
    List<String> wrong = new ArrayList<>();
    sha256.forEach((name, expected) -> {
      String found = downloaded.getOrDefault(name, "absent");
      if (!expected.equals(found)) {
        wrong.add(name + " expected " + expected + ", found " + found);
      }
    });
    if (!wrong.isEmpty()) {
      throw new FailedException("the sysroot packages for " + target + " differ from crosskit.lock's SHA-256: "
          + String.join("; ", wrong) + " (the archive's .deb changed, or the lock was edited; run 'crosskit lock' to accept"
          + " the new ones)");
    }
  }
}
