package dev.crosskit.toolchainfile;

import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where crosskit's own flags go in a build: with the compiler, never in the project's CFLAGS.
 *
 * <p>Build systems apply their own defaults only while CFLAGS is unset (autoconf's {@code -g -O2},
 * a hand-written configure's {@code ${CFLAGS--O3}}, a Makefile's {@code CFLAGS ?= -O2}), and a
 * Makefile that assigns {@code CFLAGS = ...} drops whatever came from outside. So the target's
 * flags (ISA, float ABI, sysroot, specs), the reproducibility flags and the user's
 * {@code [build] cflags} travel with the compiler: in {@code CC}/{@code CXX} for builds that read
 * the environment (autoconf's documented way to give a compiler its mode, as in
 * {@code CC="gcc -m32"}), in {@code CMAKE_<LANG>_FLAGS_INIT} and Meson's {@code c_args}, which
 * CMake and Meson put in front of the build type's flags. The project's CFLAGS stay the
 * project's, unless the user sets them ({@code [build] env}).
 *
 * @param launcher programs the compiler runs under (a compiler cache), empty for none
 * @param compile flags for every compile (and link) command
 * @param link flags for link commands only (LDFLAGS)
 */
public record CompilerFlags(List<String> launcher, List<String> compile, List<String> link) {
  public CompilerFlags {
    launcher = List.copyOf(launcher);
    compile = List.copyOf(compile);
    link = List.copyOf(link);
  }

  /** A toolchain's own flags, with no launcher. */
  public static CompilerFlags of(Toolchain tc) {
    return new CompilerFlags(List.of(), tc.cflags(), tc.ldflags());
  }

  /** The same with {@code more} compile flags after these (later flags win in gcc and clang). */
  public CompilerFlags withCompile(List<String> more) {
    List<String> all = new ArrayList<>(compile);
    all.addAll(more);
    return new CompilerFlags(launcher, all, link);
  }

  /** The same with {@code programs} in front of the compiler (a compile cache). */
  public CompilerFlags withLauncher(List<String> programs) {
    return new CompilerFlags(programs, compile, link);
  }

  /** The same with {@code more} link flags after these. */
  public CompilerFlags withLink(List<String> more) {
    List<String> all = new ArrayList<>(link);
    all.addAll(more);
    return new CompilerFlags(launcher, compile, all);
  }

  /**
   * The compiler command as one string for a {@code CC}/{@code CXX} variable: launcher, driver,
   * compile flags; null when there is no driver. Words are not quoted: build systems split these
   * variables at spaces (as they split CFLAGS), so a path with a space in it cannot be passed this way.
   */
  public String command(Path driver) {
    if (driver == null) {
      return null;
    }
    List<String> words = new ArrayList<>(launcher);
    words.add(driver.toString());
    words.addAll(compile);
    return String.join(" ", words);
  }

  /**
   * The link flags for shared libraries and modules: without {@code -static} (musl), which they
   * cannot be linked with, nor {@code -static-libstdc++} (a glibc floor's libstdc++ is not built
   * as PIC: a shared library links the floor suite's libstdc++.so instead).
   */
  public List<String> sharedLink() {
    return link.stream().filter(f -> !f.equals("-static") && !f.equals("-static-libstdc++")).toList();
  }
}
