package dev.crosskit.toolchain;

import dev.crosskit.target.Board;
import dev.crosskit.target.MemoryRegion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The link flags that place a bare-metal program in a board's memory: picolibc.ld reads the
 * {@code __flash}, {@code __flash_size}, {@code __ram} and {@code __ram_size} symbols, and a
 * project's own linker script comes in with {@code -T} (picolibc.specs then leaves picolibc.ld
 * out). The symbols are defined in either case: a project script may use them too.
 */
public final class BoardFlags {
  private static final String DEFSYM = "-Wl,--defsym=";
  private static final List<String> SYMBOLS = List.of("__flash=", "__flash_size=", "__ram=", "__ram_size=");

  private BoardFlags() {}

  public static List<String> of(Board board, Path linkerScript) {
    List<String> flags = new ArrayList<>();
    flags.add(DEFSYM + "__flash=" + MemoryRegion.hex(board.flash().origin()));
    flags.add(DEFSYM + "__flash_size=" + MemoryRegion.hex(board.flash().size()));
    flags.add(DEFSYM + "__ram=" + MemoryRegion.hex(board.ram().origin()));
    flags.add(DEFSYM + "__ram_size=" + MemoryRegion.hex(board.ram().size()));
    if (linkerScript != null) {
      flags.add("-T" + linkerScript.toAbsolutePath());
    }
    return flags;
  }

  /** True for a flag {@link #of} produces. */
  static boolean isLayoutFlag(String flag) {
    if (flag.startsWith("-T")) {
      return true;
    }
    return flag.startsWith(DEFSYM) && SYMBOLS.stream().anyMatch(s -> flag.startsWith(DEFSYM + s));
  }
}
