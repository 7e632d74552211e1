package dev.crosskit.inspect;

import java.util.HashMap;
import java.util.Map;

/**
 * The build-attributes container shared by .ARM.attributes and .riscv.attributes: 'A', then
 * vendor subsections holding a File (tag 1) subsection of ULEB128 tag/value pairs. Which tags
 * carry strings differs per vendor: 4, 5 and 67 on ARM, and from 32 up odd = string, even =
 * integer (RISC-V uses the same parity rule for every tag).
 */
final class BuildAttributes {
  final Map<Integer, Long> ints = new HashMap<>();
  final Map<Integer, String> strings = new HashMap<>();

  BuildAttributes(ByteView v, long off, long size, String vendor, boolean armRules) {
    long end = off + size;
    v.check(off, size, "attributes section");
    if (size < 1 || v.u8(off) != 'A') {
      throw new MalformedBinaryException(v.what() + ": attributes section does not start with 'A'");
    }
    long p = off + 1;
    while (p + 4 < end) {
      long len = v.u32(p);
      if (len < 5 || len > end - p) {
        throw new MalformedBinaryException(v.what() + ": attribute subsection length " + len + " is corrupt");
      }
      long subEnd = p + len;
      String name = v.cstring(p + 4);
      long q = p + 4 + name.length() + 1;
      if (name.equals(vendor)) {
        while (q + 5 <= subEnd) {
          int tag = v.u8(q);
          long tagLen = v.u32(q + 1);
          if (tagLen < 5 || tagLen > subEnd - q) {
            throw new MalformedBinaryException(v.what() + ": attribute block length " + tagLen + " is corrupt");
          }
          if (tag == 1) {
            pairs(v, q + 5, q + tagLen, armRules);
          }
          q += tagLen;
        }
      }
      p = subEnd;
    }
  }

  private void pairs(ByteView v, long p, long end, boolean armRules) {
    long[] pos = {p};
    while (pos[0] < end) {
      int tag = (int) uleb(v, pos, end);
      boolean isString = armRules
          ? tag == 4 || tag == 5 || tag == 67 || (tag >= 32 && (tag & 1) == 1)
          : (tag & 1) == 1;
      if (armRules && tag == 32) {
        uleb(v, pos, end);
        isString = true;
      }
      if (isString) {
        String s = v.cstring(pos[0]);
        strings.put(tag, s);
        pos[0] += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
      } else {
        ints.put(tag, uleb(v, pos, end));
      }
    }
  }

  private static long uleb(ByteView v, long[] pos, long end) {
    long result = 0;
    int shift = 0;
    while (true) {
      if (pos[0] >= end) {
        throw new MalformedBinaryException(v.what() + ": attribute value runs past its block");
      }
      int b = v.u8(pos[0]++);
      if (shift < 63) {
        result |= (long) (b & 0x7f) << shift;
      }
      shift += 7;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }
}
