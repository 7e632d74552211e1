package dev.crosskit.inspect;

import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Checks a Mach-O slice's code signature against its contents: the CodeDirectory holds one hash
 * per page of everything before the signature, and macOS refuses to run arm64 code whose pages
 * do not match. A file changed after linking (stripped, its install names rewritten) without being
 * signed again carries a signature that is present but stale; this is how it is told.
 */
final class CodeSignature {
  private static final long SUPERBLOB = 0xfade0cc0L;
  private static final long CODE_DIRECTORY = 0xfade0c02L;
  private static final int MAX_BLOBS = 64;

  private CodeSignature() {}

  /**
   * Why the signature does not match the slice, or null when every page hash matches.
   *
   * @param base the slice's offset in the file
   * @param dataoff LC_CODE_SIGNATURE's dataoff (relative to the slice)
   * @param datasize LC_CODE_SIGNATURE's datasize
   */
  static String problem(ByteView raw, long base, long dataoff, long datasize) {
    ByteView be = raw.order(ByteOrder.BIG_ENDIAN);
    long sig = base + dataoff;
    if (datasize < 12 || !be.contains(sig, datasize)) {
      return "the signature (" + datasize + " bytes at " + dataoff + ") lies outside the file";
    }
    if (be.u32(sig) != SUPERBLOB) {
      return "LC_CODE_SIGNATURE points at no signature blob";
    }
    long count = be.u32(sig + 8);
    long cd = -1;
    for (long i = 0; i < Math.min(count, MAX_BLOBS) && 20 + i * 8 <= datasize; i++) {
      if (be.u32(sig + 12 + i * 8) == 0) { // CSSLOT_CODEDIRECTORY
        cd = sig + be.u32(sig + 16 + i * 8);
      }
    }
    if (cd < 0 || !be.contains(cd, 44) || be.u32(cd) != CODE_DIRECTORY) {
      return "the signature has no CodeDirectory";
    }
    long hashOffset = be.u32(cd + 16);
    long slots = be.u32(cd + 28);
    long codeLimit = be.u32(cd + 32);
    int hashSize = be.u8(cd + 36);
    String algorithm = switch (be.u8(cd + 37)) {
      case 1 -> "SHA-1";
      case 2, 3 -> "SHA-256"; // 3: SHA-256 truncated to hashSize bytes
      case 4 -> "SHA-384";
      default -> null;
    };
    int pageShift = be.u8(cd + 39);
    if (algorithm == null || hashSize == 0 || hashSize > 48 || pageShift > 24) {
      return "the CodeDirectory uses an unknown hash (type " + be.u8(cd + 37) + ")";
    }
    if (codeLimit != dataoff) {
      return "it covers " + codeLimit + " bytes but the signature starts at " + dataoff
          + ": the file changed size after it was signed";
    }
    long page = pageShift == 0 ? Math.max(codeLimit, 1) : 1L << pageShift;
    if (slots != (codeLimit + page - 1) / page || !be.contains(cd + hashOffset, slots * hashSize)) {
      return "its CodeDirectory has " + slots + " page hashes for " + codeLimit + " bytes";
    }
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      byte[] buf = new byte[(int) page];
      byte[] want = new byte[hashSize];
      for (long i = 0; i < slots; i++) {
        int len = (int) Math.min(page, codeLimit - i * page);
        raw.copy(base + i * page, buf, len);
        digest.update(buf, 0, len);
        byte[] have = digest.digest();
        be.copy(cd + hashOffset + i * hashSize, want, hashSize);
        if (!Arrays.equals(Arrays.copyOf(have, hashSize), want)) {
          return "page " + i + " (bytes " + i * page + "-" + (i * page + len) + ") does not match its hash:"
              + " the file was changed after it was signed";
        }
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
    return null;
  }
}
