package dev.crosskit.sysroot;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A target's libraries and headers from one Debian suite, unpacked under crosskit's cache. It is
 * also the manifest ({@code crosskit-sysroot.json} in the sysroot's directory), so fields are
 * plain strings.
 *
 * @param target the crosskit target name, e.g. {@code aarch64-linux-gnu}
 * @param suite the Debian suite, e.g. {@code bullseye}
 * @param libc {@code glibc} or {@code musl}
 * @param debianArch the Debian architecture of the packages, e.g. {@code arm64}
 * @param multiarch the directory name of the target's libraries, e.g. {@code aarch64-linux-gnu}
 *     (musl: {@code aarch64-linux-musl})
 * @param root the sysroot directory (absolute)
 * @param packages the packages asked for (dependencies are resolved from them)
 * @param installed every unpacked package as {@code name=version}
 * @param glibc the glibc version of the sysroot (its floor), or null for musl
 * @param musl the musl version, or null for glibc
 * @param origin where the C library came from: {@code debian} packages or a {@code source} build
 * @param created when it was made (ISO-8601)
 * @param sha256 the SHA-256 of each unpacked .deb, by package name (what crosskit.lock pins); empty
 *     for sysroots made before crosskit recorded it and for musl built from source
 */
// isMusl() is no property: without this Jackson would write "musl": true over the version.
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record Sysroot(
    String target,
    String suite,
    String libc,
    String debianArch,
    String multiarch,
    String root,
    List<String> packages,
    List<String> installed,
    String glibc,
    String musl,
    String origin,
    String created,
    Map<String, String> sha256) {

  public static final String MANIFEST = "crosskit-sysroot.json";

  public Sysroot {
    packages = packages == null ? List.of() : List.copyOf(packages);
    installed = installed == null ? List.of() : List.copyOf(installed);
    sha256 = sha256 == null ? Map.of() : new TreeMap<>(sha256);
  }

  /** A sysroot whose .deb hashes are not known. */
  public Sysroot(String target, String suite, String libc, String debianArch, String multiarch, String root,
      List<String> packages, List<String> installed, String glibc, String musl, String origin, String created) {
    this(target, suite, libc, debianArch, multiarch, root, packages, installed, glibc, musl, origin, created, Map.of());
  }

  /** The sysroot directory. */
  public Path rootPath() {
    return Path.of(root);
  }

  /** The sysroot's name in the cache, e.g. {@code aarch64-linux-gnu-bullseye}. */
  public String id() {
    return id(target, suite);
  }

  static String id(String target, String suite) {
    return target + "-" + suite;
  }

  public boolean isMusl() {
    return "musl".equals(libc);
  }

  /** The libc version: glibc's or musl's. */
  public String libcVersion() {
    return isMusl() ? musl : glibc;
  }
}
