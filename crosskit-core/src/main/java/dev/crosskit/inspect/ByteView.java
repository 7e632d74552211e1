package dev.crosskit.inspect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked, read-only view of a file's bytes. Every read checks offset and length
 * against the file size and throws {@link MalformedBinaryException} instead of reading past
 * the end, so a corrupt header can never cause an allocation or a read beyond the file.
 */
final class ByteView {
  /** Longest string we decode: names and paths in binaries are short; a longer one is corrupt or not a name. */
  static final int MAX_STRING = 4096;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final ByteBuffer buf;
  private final long size;
  private final String what;

  ByteView(ByteBuffer buf, String what) {
    this.buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.size = buf.limit();
    this.what = what;
  }

  private ByteView(ByteBuffer buf, long size, String what) {
    this.buf = buf;
    this.size = size;
    this.what = what;
  }

  /** The same bytes read with the given byte order. */
  ByteView order(ByteOrder order) {
    ByteBuffer b = buf.duplicate().order(order);
    return new ByteView(b, size, what);
  }

  boolean bigEndian() {
    return buf.order() == ByteOrder.BIG_ENDIAN;
  }

  long size() {
    return size;
  }

  /** True when [off, off+len) lies inside the file. */
  boolean contains(long off, long len) {
    return off >= 0 && len >= 0 && off <= size && len <= size - off;
  }

  void check(long off, long len, String field) {
    if (!contains(off, len)) {
      throw new MalformedBinaryException(what + ": " + field + " at offset " + off + " (+" + len
          + " bytes) lies outside the file (" + size + " bytes): truncated or corrupt");
    }
  }

  int u8(long off) {
    check(off, 1, "byte");
    return buf.get((int) off) & 0xff;
  }

  int u16(long off) {
    check(off, 2, "u16");
    return buf.getShort((int) off) & 0xffff;
  }

  long u32(long off) {
    check(off, 4, "u32");
    return buf.getInt((int) off) & 0xffffffffL;
  }

  int s32(long off) {
    check(off, 4, "s32");
    return buf.getInt((int) off);
  }

  /** A u64 as a signed long; callers treat negative values as "too large" through bounds checks. */
  long u64(long off) {
    check(off, 8, "u64");
    return buf.getLong((int) off);
  }

  /** u32 or u64 depending on the ELF class. */
  long word(long off, boolean is64) {
    return is64 ? u64(off) : u32(off);
  }

  /** A NUL-terminated string starting at {@code off}; stops at the end of the file or MAX_STRING bytes. */
  String cstring(long off) {
    check(off, 1, "string");
    int start = (int) off;
    int end = (int) Math.min(size, off + MAX_STRING);
    int i = start;
    while (i < end && buf.get(i) != 0) {
      i++;
    }
    byte[] bytes = new byte[i - start];
    buf.get(start, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A fixed-length string field (Mach-O, PE section names), cut at the first NUL. */
  String fixedString(long off, int len) {
    check(off, len, "name");
    byte[] bytes = new byte[len];
    buf.get((int) off, bytes);
    int n = 0;
    while (n < len && bytes[n] != 0) {
      n++;
    }
    return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** Raw bytes as lowercase hex (build ids, UUIDs). */
  String hex(long off, int len) {
    check(off, len, "bytes");
    char[] out = new char[len * 2];
    for (int i = 0; i < len; i++) {
      int b = buf.get((int) off + i) & 0xff;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0xf];
    }
    return new String(out);
  }

  /** Copies [off, off+len) into {@code into}; the caller checked the range. */
  void copy(long off, byte[] into, int len) {
    buf.get((int) off, into, 0, len);
  }

  /** Eight bytes as a little-endian long, for scanners that already checked their range. */
  long rawLongLE(long off) {
    long w = buf.getLong((int) off);
    return buf.order() == ByteOrder.LITTLE_ENDIAN ? w : Long.reverseBytes(w);
  }

  /** Copies {@code n} little-endian longs from {@code off} into {@code into}; the caller checked the range. */
  void copyLongsLE(long off, long[] into, int n) {
    buf.slice((int) off, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(into, 0, n);
  }

  /** Copies {@code n} u16 values of the file's byte order from {@code off} into {@code into}; the caller checked the range. */
  void copyShorts(long off, short[] into, int n) {
    buf.slice((int) off, n * 2).order(buf.order()).asShortBuffer().get(into, 0, n);
  }

  /** Direct byte access for scanners that already checked their range. */
  byte rawByte(long off) {
    return buf.get((int) off);
  }

  /** Compares bytes at {@code off} with {@code ascii}; false when out of range. */
  boolean startsWith(long off, byte[] ascii) {
    if (!contains(off, ascii.length)) {
      return false;
    }
    for (int i = 0; i < ascii.length; i++) {
      if (buf.get((int) off + i) != ascii[i]) {
        return false;
      }
    }
    return true;
  }

  String what() {
    return what;
  }
}
