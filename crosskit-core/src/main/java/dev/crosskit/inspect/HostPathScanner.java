package dev.crosskit.inspect;

import dev.crosskit.inspect.ElfFacts.HostPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds strings that name directories of the build host (home directories, /tmp, CI workspaces,
 * the inspecting user's $HOME) in a binary's strings, debug strings and search paths. A path is
 * only taken where a string or word starts, so "/usr/share/home/" does not match "/home/".
 */
final class HostPathScanner {
  private static final int MAX_FOUND = 20;
  private static final int MAX_PATH = 200;

  private static final long SLASHES = 0x2f2f2f2f2f2f2f2fL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final int MAX_MATCHES_PER_SECTION = 64;
  /** The words a scan copies out of the file at a time (64 KiB), one buffer per thread. */
  private static final ThreadLocal<long[]> WORDS = ThreadLocal.withInitial(() -> new long[8192]);

  /** The prefixes (data, plus the inspecting user's $HOME), and the bytes that may follow their '/'. */
  private static final byte[][] PREFIXES;
  private static final boolean[] SECOND = new boolean[256];

  static {
    List<String> list = new ArrayList<>(Machines.get().hostPathPrefixes());
    String home = System.getProperty("user.home", "");
    if (home.length() > 1 && !list.contains(home + "/")) {
      list.add(home.endsWith("/") ? home : home + "/");
    }
    PREFIXES = new byte[list.size()][];
    for (int i = 0; i < list.size(); i++) {
      PREFIXES[i] = list.get(i).getBytes(StandardCharsets.US_ASCII);
      if (PREFIXES[i].length > 1) {
        SECOND[PREFIXES[i][1] & 0xff] = true;
      }
    }
  }

  private final List<HostPath> found = new ArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();

  List<HostPath> found() {
    return found;
  }

  /** Checks one string that is known to be a path (RPATH, RUNPATH entries). */
  void checkString(String where, String s) {
    for (String part : s.split(":")) {
      for (byte[] p : PREFIXES) {
        if (part.startsWith(new String(p, StandardCharsets.US_ASCII))) {
          add(where, part);
        }
      }
    }
  }

  /** Scans the bytes [off, off+len) of a section for host paths. */
  void scan(ByteView v, String where, long off, long len) {
    if (!v.contains(off, len) || found.size() >= MAX_FOUND) {
      return;
    }
    long end = off + len;
    int[] matches = {0};
    long[] words = WORDS.get();
    long i = off;
    // Eight bytes at a time: find '/' bytes with the classic "has zero byte" bit trick on
    // (word XOR "////////"); the rare candidates are then checked one by one. The words are
    // copied out of the file in bulk first: a plain array loop is several times faster than
    // a buffer read per word, above all before the JIT's optimising compiler has run (or, with
    // the launcher's -XX:TieredStopAtLevel=1, ever).
    while (end - i >= 8) {
      int n = (int) Math.min(words.length, (end - i) >>> 3);
      v.copyLongsLE(i, words, n);
      for (int j = 0; j < n; j++) {
        long w = words[j];
        long x = w ^ SLASHES;
        long t = (x - ONES) & ~x & HIGHS;
        while (t != 0) {
          int k = Long.numberOfTrailingZeros(t) >>> 3;
          t &= t - 1;
          // Filter in registers first: a real '/' followed by a byte some prefix can continue with.
          if (((w >>> (8 * k)) & 0xff) != '/') {
            continue;
          }
          long at = i + 8L * j + k;
          int next = k < 7 ? (int) ((w >>> (8 * (k + 1))) & 0xff) : at + 1 < end ? v.rawByte(at + 1) & 0xff : 0;
          if (SECOND[next] && candidate(v, where, off, end, at, matches)) {
            return;
          }
        }
      }
      i += 8L * n;
    }
    for (; i < end; i++) {
      if (candidate(v, where, off, end, i, matches)) {
        return;
      }
    }
  }

  /** Checks one position; true when the section has given enough evidence and scanning can stop. */
  private boolean candidate(ByteView v, String where, long start, long end, long at, int[] matches) {
    if (v.rawByte(at) != '/' || at + 1 >= end || !SECOND[v.rawByte(at + 1) & 0xff]
        || (at > start && !boundary(v.rawByte(at - 1)))) {
      return false;
    }
    for (byte[] p : PREFIXES) {
      if (at + p.length < end && v.startsWith(at, p) && v.rawByte(at + p.length) > ' ') {
        add(where, extract(v, at, end));
        // A section full of build paths has made its point after a few dozen.
        return found.size() >= MAX_FOUND || ++matches[0] >= MAX_MATCHES_PER_SECTION;
      }
    }
    return false;
  }

  private static boolean boundary(byte b) {
    return b == 0 || b == ' ' || b == '"' || b == '\'' || b == '=' || b == ':' || b == '\t' || b == '\n'
        || b == '(' || b == ',' || b == ';';
  }

  private static String extract(ByteView v, long start, long end) {
    StringBuilder sb = new StringBuilder();
    for (long i = start; i < end && sb.length() < MAX_PATH; i++) {
      byte b = v.rawByte(i);
      if (b <= ' ' || b == '"' || b == '\'' || b == ':' || b == ';' || b == ',' || b >= 0x7f) {
        break;
      }
      sb.append((char) b);
    }
    return sb.toString();
  }

  private void add(String where, String path) {
    if (found.size() < MAX_FOUND && seen.add(where + "\0" + path)) {
      found.add(new HostPath(where, path));
    }
  }
}
