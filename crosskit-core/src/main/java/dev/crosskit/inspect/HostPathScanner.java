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

  private final byte[][] prefixes;
  private final List<HostPath> found = new ArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();

  HostPathScanner() {
    List<String> list = new ArrayList<>(Machines.get().hostPathPrefixes());
    String home = System.getProperty("user.home", "");
    if (home.length() > 1 && !list.contains(home + "/")) {
      list.add(home.endsWith("/") ? home : home + "/");
    }
    prefixes = new byte[list.size()][];
    for (int i = 0; i < list.size(); i++) {
      prefixes[i] = list.get(i).getBytes(StandardCharsets.US_ASCII);
    }
  }

  List<HostPath> found() {
    return found;
  }

  /** Checks one string that is known to be a path (RPATH, RUNPATH entries). */
  void checkString(String where, String s) {
    for (String part : s.split(":")) {
      for (byte[] p : prefixes) {
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
    for (long i = off; i < end; i++) {
      if (v.rawByte(i) != '/' || (i > off && !boundary(v.rawByte(i - 1)))) {
        continue;
      }
      for (byte[] p : prefixes) {
        if (i + p.length < end && v.startsWith(i, p) && v.rawByte(i + p.length) > ' ') {
          add(where, extract(v, i, end));
          if (found.size() >= MAX_FOUND) {
            return;
          }
          break;
        }
      }
    }
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
