package dev.crosskit.target;

import dev.crosskit.base.BadInputException;
import java.util.Locale;

/**
 * A board's address range for code (flash) or data (RAM), as a linker script names it.
 *
 * @param origin the first address
 * @param size the length in bytes (positive)
 */
public record MemoryRegion(long origin, long size) {
  public MemoryRegion {
    if (origin < 0 || size <= 0 || origin + size < 0) {
      throw new IllegalArgumentException("memory region origin " + origin + " size " + size);
    }
  }

  /** One past the last address. */
  public long end() {
    return origin + size;
  }

  /** Whether {@code [address, address + length)} lies within this region. */
  public boolean holds(long address, long length) {
    return address >= origin && length >= 0 && address + length <= end();
  }

  /** {@code 0x20000000+4M} style, for messages. */
  @Override
  public String toString() {
    return hex(origin) + "+" + sizeText(size);
  }

  public static String hex(long value) {
    return String.format(Locale.ROOT, "0x%08x", value);
  }

  /** A size as the catalog writes it: {@code 4M}, {@code 256K}, else hex. */
  public static String sizeText(long size) {
    if (size % (1L << 20) == 0) {
      return (size >> 20) + "M";
    }
    if (size % 1024 == 0) {
      return (size >> 10) + "K";
    }
    return hex(size);
  }

  /**
   * Parses an address or size: decimal, {@code 0x} hex, or either with a {@code K} or {@code M}
   * suffix (KiB, MiB). {@code what} names the value in the error message.
   *
   * @throws BadInputException when it is not such a number
   */
  public static long parseNumber(String text, String what) {
    String s = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace("_", "");
    long scale = 1;
    if (s.endsWith("K") || s.endsWith("M")) {
      scale = s.endsWith("K") ? 1L << 10 : 1L << 20;
      s = s.substring(0, s.length() - 1);
    }
    try {
      long v = s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
      if (v < 0 || v > (Long.MAX_VALUE / scale)) {
        throw new NumberFormatException();
      }
      return v * scale;
    } catch (NumberFormatException e) {
      throw new BadInputException(what + " '" + text + "' is not an address or size; write it as 0x20000000, 131072, 128K or 4M");
    }
  }
}
