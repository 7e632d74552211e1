package dev.crosskit.inspect;

import dev.crosskit.target.Board;
import dev.crosskit.target.Target;
import java.util.List;

/**
 * What a binary must satisfy. Null / false / empty means "not checked". Keys in a policy TOML
 * file and on the command line are the kebab-case forms: {@code expect}, {@code static},
 * {@code max-glibc}, {@code max-glibcxx}, {@code allow-lib}, {@code max-isa-level},
 * {@code require-pie}, {@code require-relro}, {@code require-nx}, {@code no-rpath},
 * {@code no-host-paths}.
 *
 * @param expectTarget architecture, bitness, endianness, OS, libc and float ABI must match this target
 * @param maxGlibc newest GLIBC_x.y the binary may need, e.g. {@code 2.31}
 * @param maxGlibcxx newest GLIBCXX_3.4.n the binary may need, e.g. {@code 3.4.28}
 * @param allowedLibs globs every needed library / DLL / dylib must match (DLL names case-insensitively)
 * @param maxIsaLevel highest x86-64 ISA level (1 baseline, 2 v2, 3 v3, 4 v4) the binary may need
 * @param requireRelro {@code partial} or {@code full}
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
    Board board) {

  public Policy {
    allowedLibs = allowedLibs == null ? List.of() : List.copyOf(allowedLibs);
  }

  /** A policy without a board of its own. */
  public Policy(Target expectTarget, boolean requireStatic, String maxGlibc, String maxGlibcxx, List<String> allowedLibs,
      Integer maxIsaLevel, boolean requirePie, String requireRelro, boolean requireNx, boolean noRpath,
      boolean noHostPaths) {
    this(expectTarget, requireStatic, maxGlibc, maxGlibcxx, allowedLibs, maxIsaLevel, requirePie, requireRelro,
        requireNx, noRpath, noHostPaths, null);
  }

  /** The same policy judging a bare-metal program against {@code newBoard}'s memory. */
  public Policy withBoard(Board newBoard) {
    return new Policy(expectTarget, requireStatic, maxGlibc, maxGlibcxx, allowedLibs, maxIsaLevel, requirePie,
        requireRelro, requireNx, noRpath, noHostPaths, newBoard);
  }

  /** The empty policy: only the checks that always apply (GLIBC_PRIVATE, TEXTREL, RWX, malformed parts). */
  public static Policy none() {
    return new Policy(null, false, null, null, List.of(), null, false, null, false, false, false);
  }
}
