package dev.crosskit.inspect;

import dev.crosskit.target.Board;
import dev.crosskit.target.Target;
import java.util.List;

/**
 * What a binary must satisfy. Null / false / empty means "not checked". Keys in a policy TOML
 * file and on the command line are the kebab-case forms: {@code expect}, {@code static},
 * {@code max-glibc}, {@code max-glibcxx}, {@code allow-lib}, {@code max-isa-level},
 * {@code require-pie}, {@code require-relro}, {@code require-nx}, {@code no-rpath},
 * {@code no-host-paths}, {@code max-macos}, {@code macos-sdk}.
 *
 * @param expectTarget architecture, bitness, endianness, OS, libc and float ABI must match this target
 * @param maxGlibc newest GLIBC_x.y the binary may need, e.g. {@code 2.31}
 * @param maxGlibcxx newest GLIBCXX_3.4.n the binary may need, e.g. {@code 3.4.28}
 * @param allowedLibs globs every needed library / DLL / dylib must match (DLL names case-insensitively)
 * @param maxIsaLevel highest x86-64 ISA level (1 baseline, 2 v2, 3 v3, 4 v4) the binary may need
 * @param requireRelro {@code partial} or {@code full}
 * @param maxMacos newest minimum macOS a Mach-O slice may require ({@code LC_BUILD_VERSION} minos), e.g. {@code 11.0}
 * @param macosSdk the macOS SDK version every Mach-O slice must have been linked against, e.g. {@code 14.2}
 *     ({@code 14} accepts any 14.x)
 * @param board for a bare-metal {@code expectTarget}, the board whose memory the program must fit
 *     (null: the target's default board)
 */
public record Policy(
    Target expectTarget,
    boolean requireStatic,
    String maxGlibc,
    String maxGlibcxx,
    List<String> allowedLibs,
    Integer maxIsaLevel,
    boolean requirePie,
    String requireRelro,
    boolean requireNx,
    boolean noRpath,
    boolean noHostPaths,
    String maxMacos,
    String macosSdk,
    Board board) {

  public Policy {
    allowedLibs = allowedLibs == null ? List.of() : List.copyOf(allowedLibs);
  }

  /** A policy without the macOS keys and without a board of its own. */
  public Policy(Target expectTarget, boolean requireStatic, String maxGlibc, String maxGlibcxx, List<String> allowedLibs,
      Integer maxIsaLevel, boolean requirePie, String requireRelro, boolean requireNx, boolean noRpath,
      boolean noHostPaths) {
    this(expectTarget, requireStatic, maxGlibc, maxGlibcxx, allowedLibs, maxIsaLevel, requirePie, requireRelro,
        requireNx, noRpath, noHostPaths, null, null, null);
  }

  /** The same policy judging a bare-metal program against {@code newBoard}'s memory. */
  public Policy withBoard(Board newBoard) {
    return new Policy(expectTarget, requireStatic, maxGlibc, maxGlibcxx, allowedLibs, maxIsaLevel, requirePie,
        requireRelro, requireNx, noRpath, noHostPaths, maxMacos, macosSdk, newBoard);
  }

  /** The empty policy: only the checks that always apply (GLIBC_PRIVATE, TEXTREL, RWX, malformed parts). */
  public static Policy none() {
    return new Policy(null, false, null, null, List.of(), null, false, null, false, false, false);
  }
}
