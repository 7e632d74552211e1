package dev.crosskit.sysroot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a build uses a glibc sysroot: compiler and linker flags, pkg-config, CMake and Meson
 * settings, and the QEMU options to run what it built. Pure functions of a {@link Sysroot}.
 *
 * <p>{@code --sysroot} alone is not enough with Debian's cross compilers: they search their own
 * target directory ({@code /usr/<triple>/include} and {@code /usr/<triple>/lib}, the host's
 * libc6-dev-*-cross, bookworm's glibc 2.36) BEFORE the sysroot, so a bullseye build would
 * silently link crt1.o and libc.so of 2.36 and need GLIBC_2.34. Hence {@code -nostdinc} with the
 * compiler's own header directory put back, and {@code -B}/{@code -L} to the sysroot's multiarch
 * library directories, which then come first.
 */
public final class SysrootFlags {
  private SysrootFlags() {}

  /**
   * Flags for a gcc cross compiler building against {@code s}.
   *
   * @param cflags for C compilation (and preprocessing)
   * @param cxxflags for C++ compilation: cflags plus libstdc++'s headers from the compiler
   * @param ldflags for linking (also pass the cflags when the driver links)
   */
  public record GccFlags(List<String> cflags, List<String> cxxflags, List<String> ldflags) {}

  public static GccFlags forGcc(Sysroot s, GccProbe gcc) {
    String root = s.root();
    String ma = s.multiarch();
    List<String> common = List.of("--sysroot=" + root, "-nostdinc", "-isystem", gcc.includeDir());
    List<String> tail = List.of("-isystem", root + "/usr/include/" + ma, "-isystem", root + "/usr/include");
    List<String> cflags = new ArrayList<>(common);
    cflags.addAll(tail);
    List<String> cxxflags = new ArrayList<>();
    cxxflags.add("--sysroot=" + root);
    cxxflags.add("-nostdinc");
    for (String dir : gcc.cxxIncludeDirs()) {
      cxxflags.add("-isystem");
      cxxflags.add(dir);
    }
    cxxflags.add("-isystem");
    cxxflags.add(gcc.includeDir());
    cxxflags.addAll(tail);
    List<String> ldflags = List.of("--sysroot=" + root, "-B" + root + "/usr/lib/" + ma + "/",
        "-L" + root + "/lib/" + ma, "-L" + root + "/usr/lib/" + ma);
    return new GccFlags(List.copyOf(cflags), List.copyOf(cxxflags), ldflags);
  }

  /**
   * The pkg-config environment: .pc files from the sysroot only, their paths prefixed with the
   * sysroot, and {@code PKG_CONFIG_ALLOW_CROSS=1} for Cargo's pkg-config crate.
   */
  public static Map<String, String> pkgConfigEnv(Sysroot s) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PKG_CONFIG_SYSROOT_DIR", s.root());
    env.put("PKG_CONFIG_LIBDIR", String.join(":", pkgConfigDirs(s)));
    env.put("PKG_CONFIG_PATH", "");
    env.put("PKG_CONFIG_ALLOW_CROSS", "1");
    return env;
  }

  /** Where a Debian sysroot keeps .pc files: the multiarch directory first, then the arch-independent ones. */
  public static List<String> pkgConfigDirs(Sysroot s) {
    String root = s.root();
    return List.of(root + "/usr/lib/" + s.multiarch() + "/pkgconfig", root + "/usr/share/pkgconfig",
        root + "/usr/lib/pkgconfig");
  }

  /** CMake cache variables for a toolchain file (CMAKE_SYSROOT, CMAKE_FIND_ROOT_PATH, library architecture). */
  public static Map<String, String> cmake(Sysroot s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CMAKE_SYSROOT", s.root());
    m.put("CMAKE_FIND_ROOT_PATH", s.root());
    m.put("CMAKE_LIBRARY_ARCHITECTURE", s.multiarch());
    return m;
  }

  /** Meson cross-file {@code [properties]}: sys_root and pkg_config_libdir. */
  public static Map<String, String> mesonProperties(Sysroot s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sys_root", s.root());
    m.put("pkg_config_libdir", String.join(":", pkgConfigDirs(s)));
    return m;
  }

  /**
   * QEMU user-mode options to run a program linked against {@code s}: the sysroot as ELF
   * interpreter prefix, and its library directories first, so the host's multiarch ld.so.cache
   * never mixes in (that mix made threaded programs spin forever).
   */
  public static List<String> qemuOptions(Sysroot s) {
    String ma = s.multiarch();
    return List.of("-L", s.root(), "-E", "LD_LIBRARY_PATH=" + s.root() + "/lib/" + ma + ":" + s.root() + "/usr/lib/" + ma);
  }
}
