package dev.crosskit.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The members of a Unix {@code ar} archive (a static library), GNU and BSD-less System V
 * flavour: enough to say which member of two builds of a library differs, and whether only its
 * header (timestamp, owner, mode) does. Malformed input gives empty, never an exception.
 */
final class ArMembers {
  private static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 60;

  /** One member: its name, the raw 60-byte header and the content bytes. */
  record Member(String name, byte[] header, byte[] data) {
    /** Which header fields differ from another member's: "mtime", "uid", "gid", "mode". */
    List<String> headerDifferences(Member other) {
      List<String> out = new ArrayList<>();
      String[] names = {"mtime", "uid", "gid", "mode"};
      int[][] fields = {{16, 28}, {28, 34}, {34, 40}, {40, 48}};
      for (int i = 0; i < names.length; i++) {
        if (!Arrays.equals(header, fields[i][0], fields[i][1], other.header, fields[i][0], fields[i][1])) {
          out.add(names[i]);
        }
      }
      return out;
    }
  }

  private ArMembers() {}

  static boolean isAr(byte[] b) {
    return b.length >= MAGIC.length && Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  static Optional<List<Member>> read(byte[] b) {
    if (!isAr(b)) {
      return Optional.empty();
    }
    List<Member> out = new ArrayList<>();
    byte[] longNames = new byte[0];
    int off = MAGIC.length;
    while (off + HEADER <= b.length) {
      byte[] header = Arrays.copyOfRange(b, off, off + HEADER);
      String raw = new String(header, 0, 16, StandardCharsets.US_ASCII).trim();
      long size;
      try {
        size = Long.parseLong(new String(header, 48, 10, StandardCharsets.US_ASCII).trim());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      int start = off + HEADER;
      if (size < 0 || start + size > b.length) {
        return Optional.empty();
      }
      byte[] data = Arrays.copyOfRange(b, start, start + (int) size);
      if (raw.equals("//")) {
        longNames = data;
      } else {
        out.add(new Member(name(raw, longNames), header, data));
      }
      off = start + (int) size + (int) (size & 1);
    }
    return Optional.of(out);
  }

  private static String name(String raw, byte[] longNames) {
    if (raw.equals("/") || raw.equals("/SYM64/")) {
      return "(symbol table)";
    }
    if (raw.startsWith("/") && raw.length() > 1 && raw.substring(1).chars().allMatch(Character::isDigit)) {
      int at = Integer.parseInt(raw.substring(1));
      int end = at;
      while (end < longNames.length && longNames[end] != '/' && longNames[end] != '\n') {
        end++;
      }
      return at < longNames.length ? new String(longNames, at, end - at, StandardCharsets.UTF_8) : raw;
    }
    return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
  }
}
