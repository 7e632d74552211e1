package dev.crosskit.toolchain;

import dev.crosskit.target.Board;
import dev.crosskit.target.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compilers and binutils that build for one target on this host.
 *
 * @param kind the family: {@code gcc}, {@code gcc-cross}, {@code musl-gcc}, {@code mingw}, {@code clang}, ...
 * @param cc the C compiler driver (null only when it is missing, which {@code missing} then says)
 * @param cxx the C++ compiler driver, or null when there is none
 * @param sysroot the target's headers and libraries, or null when the compiler needs none named
 * @param cflags compiler flags for the target, including {@link Target#archCflags()}
 * @param ldflags link flags for the target
 * @param missing human-readable gaps that stop a C build; empty when the toolchain is complete
 * @param provided the sysroot a {@link SysrootProvider} supplied (its flags are already in
 *     cflags/ldflags; its pkg-config, CMake, Meson and QEMU settings are used from here), or null
 * @param board the board a bare-metal toolchain links for (its memory layout is in ldflags), else null
 */
public record Toolchain(Target target, String kind, Path cc, Path cxx, Path ar, Path ranlib, Path strip,
    Path sysroot, List<String> cflags, List<String> ldflags, List<String> missing, ProvidedSysroot provided,
    Board board) {
  public Toolchain {
    cflags = List.copyOf(cflags);
    ldflags = List.copyOf(ldflags);
    missing = List.copyOf(missing);
  }

  /** A toolchain for a target with an operating system (no board). */
  public Toolchain(Target target, String kind, Path cc, Path cxx, Path ar, Path ranlib, Path strip,
      Path sysroot, List<String> cflags, List<String> ldflags, List<String> missing, ProvidedSysroot provided) {
    this(target, kind, cc, cxx, ar, ranlib, strip, sysroot, cflags, ldflags, missing, provided, null);
  }

  /** A toolchain whose sysroot (if any) no provider supplied. */
  public Toolchain(Target target, String kind, Path cc, Path cxx, Path ar, Path ranlib, Path strip,
      Path sysroot, List<String> cflags, List<String> ldflags, List<String> missing) {
    this(target, kind, cc, cxx, ar, ranlib, strip, sysroot, cflags, ldflags, missing, null);
  }

  public boolean complete() {
    return missing.isEmpty();
  }

  /** The same toolchain without a C++ compiler. */
  public Toolchain withoutCxx() {
    return new Toolchain(target, kind, cc, null, ar, ranlib, strip, sysroot, cflags, ldflags, missing, provided, board);
  }

  /**
   * The same bare-metal toolchain linking for another board, or with the project's own linker
   * script ({@code -T}, which replaces picolibc.ld; null keeps picolibc.ld). The memory-layout
   * flags crosskit added for the previous board are replaced, the rest are kept.
   */
  public Toolchain forBoard(Board newBoard, Path linkerScript) {
    List<String> flags = new ArrayList<>(ldflags.stream().filter(f -> !BoardFlags.isLayoutFlag(f)).toList());
    flags.addAll(BoardFlags.of(newBoard, linkerScript));
    return new Toolchain(target, kind, cc, cxx, ar, ranlib, strip, sysroot, cflags, flags, missing, provided, newBoard);
  }
}
