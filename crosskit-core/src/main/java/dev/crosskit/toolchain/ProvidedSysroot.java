package dev.crosskit.toolchain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sysroot a {@link SysrootProvider} supplies, with what a build needs to use it: compiler
 * flags, and the pkg-config, CMake, Meson and QEMU settings that point the other tools at it.
 *
 * @param root the sysroot directory
 * @param cflags extra compile flags
 * @param ldflags extra link flags
 * @param pkgConfigRelocate true when its {@code .pc} files say {@code prefix=/usr} and need
 *     {@code PKG_CONFIG_SYSROOT_DIR} (a Debian cross sysroot's do not)
 * @param env build environment variables (PKG_CONFIG_SYSROOT_DIR, PKG_CONFIG_LIBDIR, ...)
 * @param cmake toolchain-file variables (CMAKE_SYSROOT, CMAKE_FIND_ROOT_PATH, ...)
 * @param mesonProperties cross-file {@code [properties]} (sys_root, pkg_config_libdir)
 * @param qemuOptions QEMU user-mode options that run programs linked against it ({@code -L}, {@code -E})
 * @param cxxMissing null when the family's C++ compiler works with these flags; otherwise why it
 *     does not (a musl sysroot without crosskit's libstdc++, a glibc floor without its suite's
 *     libstdc++), and the toolchain then has no C++ compiler
 */
public record ProvidedSysroot(Path root, List<String> cflags, List<String> ldflags, boolean pkgConfigRelocate,
    Map<String, String> env, Map<String, String> cmake, Map<String, String> mesonProperties, List<String> qemuOptions,
    String cxxMissing) {
  public ProvidedSysroot {
    cflags = List.copyOf(cflags);
    ldflags = List.copyOf(ldflags);
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    cmake = cmake == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cmake));
    mesonProperties = mesonProperties == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mesonProperties));
    qemuOptions = qemuOptions == null ? List.of() : List.copyOf(qemuOptions);
  }

  /** A sysroot that serves C++ too. */
  public ProvidedSysroot(Path root, List<String> cflags, List<String> ldflags, boolean pkgConfigRelocate,
      Map<String, String> env, Map<String, String> cmake, Map<String, String> mesonProperties, List<String> qemuOptions) {
    this(root, cflags, ldflags, pkgConfigRelocate, env, cmake, mesonProperties, qemuOptions, null);
  }

  /** A sysroot known by its flags only (tools other than the compiler get no settings from it). */
  public ProvidedSysroot(Path root, List<String> cflags, List<String> ldflags, boolean pkgConfigRelocate) {
    this(root, cflags, ldflags, pkgConfigRelocate, Map.of(), Map.of(), Map.of(), List.of());
  }

  /** The same sysroot with no C++ for the reason given. */
  public ProvidedSysroot withoutCxx(String why) {
    return new ProvidedSysroot(root, cflags, ldflags, pkgConfigRelocate, env, cmake, mesonProperties, qemuOptions, why);
  }
}
