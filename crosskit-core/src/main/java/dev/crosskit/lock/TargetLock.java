package dev.crosskit.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosskit.base.Digests;
import dev.crosskit.base.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one target's builds depend on outside the project, as pinned in crosskit.lock.
 *
 * @param packages host Debian packages (toolchain, emulator, build tools) and their versions;
 *     {@link #NOT_INSTALLED} for a package that is not
 * @param sysroot the packages unpacked into crosskit's sysroot for the target and their versions (from
 *     the sysroot's manifest); empty when the target uses Debian's cross packages (then they are among
 *     {@code packages})
 * @param compilers other compilers' versions: {@code go}, {@code rustc}, when the project uses them
 * @param sysrootSha256 the SHA-256 of each of those sysroot packages' .deb, by package name
 * @param recipes crosskit's own recipes for the target with their versions and keys: {@code musl}
 *     (its sysroot), {@code libstdc++} (C++ on musl), {@code rust-std}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TargetLock(Map<String, String> packages, Map<String, String> sysroot, Map<String, String> compilers,
    Map<String, String> sysrootSha256, Map<String, String> recipes) {
  public static final String NOT_INSTALLED = "not installed";

  public TargetLock {
    packages = packages == null ? Map.of() : new TreeMap<>(packages);
    sysroot = sysroot == null ? Map.of() : new TreeMap<>(sysroot);
    compilers = compilers == null ? Map.of() : new TreeMap<>(compilers);
    sysrootSha256 = sysrootSha256 == null ? Map.of() : new TreeMap<>(sysrootSha256);
    recipes = recipes == null ? Map.of() : new TreeMap<>(recipes);
  }

  /** Facts without sysroot hashes or recipes (a target on Debian's cross packages). */
  public TargetLock(Map<String, String> packages, Map<String, String> sysroot, Map<String, String> compilers) {
    this(packages, sysroot, compilers, Map.of(), Map.of());
  }

  /** A hash of every fact (sorted, so the same facts always give the same hash): what report.json calls the toolchain fingerprint. */
  public String fingerprint() {
    return "sha256:" + Digests.sha256(Json.write(this).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
