package dev.crosskit.pipeline;

import dev.crosskit.inspect.ElfSectionTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Says where two builds of the same artifact differ: for ELF files, which sections hold differing
 * bytes, and the likely cause from what those bytes are (a time of day or date: timestamps; one
 * of the build directories: paths; only the build-id note: a build id over other differences).
 */
final class ArtifactDiff {
  private static final Pattern TIME = Pattern.compile("\\d\\d:\\d\\d:\\d\\d|[A-Z][a-z]{2} [ \\d]\\d \\d{4}");
  private static final int CONTEXT = 48;

  private ArtifactDiff() {}

  /** Empty when the files are identical, else one line: "differs in .rodata (12 bytes): likely timestamps". */
  static Optional<String> compare(Path a, Path b, List<Path> buildDirs) throws IOException {
    byte[] x = Files.readAllBytes(a);
    byte[] y = Files.readAllBytes(b);
    if (java.util.Arrays.equals(x, y)) {
      return Optional.empty();
    }
    Optional<String> members = archiveMembers(x, y, buildDirs);
    if (members.isPresent()) {
      return members;
    }
    if (x.length != y.length) {
      return Optional.of("sizes differ (" + x.length + " vs " + y.length + " bytes)" + sectionsPart(x, y)
          + cause(x, y, buildDirs, List.of()));
    }
    return Optional.of(sectionsPart(x, y).substring(2) + cause(x, y, buildDirs, sectionNames(x, y)));
  }

  /**
   * For two static libraries with the same members: which members differ, in their header
   * (timestamps or owners: run ar in deterministic mode, 'ar D') or in their content (named by
   * ELF section, like an executable). Empty when not both are ar archives with the same members.
   */
  private static Optional<String> archiveMembers(byte[] x, byte[] y, List<Path> buildDirs) {
    Optional<List<ArMembers.Member>> mx = ArMembers.read(x);
    Optional<List<ArMembers.Member>> my = ArMembers.read(y);
    if (mx.isEmpty() || my.isEmpty() || !mx.get().stream().map(ArMembers.Member::name).toList()
        .equals(my.get().stream().map(ArMembers.Member::name).toList())) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < mx.get().size(); i++) {
      ArMembers.Member a = mx.get().get(i);
      ArMembers.Member b = my.get().get(i);
      List<String> header = a.headerDifferences(b);
      if (!header.isEmpty()) {
        parts.add("member " + a.name() + " header " + header + " (likely timestamps or owners: use 'ar D')");
      }
      if (!java.util.Arrays.equals(a.data(), b.data())) {
        String where = a.data().length == b.data().length ? sectionsPart(a.data(), b.data()).substring(2)
            : "sizes differ";
        parts.add("member " + a.name() + " " + where + cause(a.data(), b.data(), buildDirs,
            sectionNames(a.data(), b.data())));
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of("archive " + String.join("; ", parts));
  }

  /** ", differs in .rodata (12 bytes), .note.gnu.build-id (20 bytes)" or ", first difference at offset N". */
  private static String sectionsPart(byte[] x, byte[] y) {
    Map<String, Integer> counts = differingSections(x, y);
    if (counts.isEmpty()) {
      int off = firstDifference(x, y);
      return ", first difference at byte " + off + " (not an ELF file, or beyond the common length)";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((name, n) -> parts.add(name + " (" + n + " bytes)"));
    return ", differs in " + String.join(", ", parts);
  }

  private static List<String> sectionNames(byte[] x, byte[] y) {
    return new ArrayList<>(differingSections(x, y).keySet());
  }

  private static Map<String, Integer> differingSections(byte[] x, byte[] y) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Optional<List<ElfSectionTable.Range>> ranges = ElfSectionTable.read(ByteBuffer.wrap(x), "first build");
    if (ranges.isEmpty()) {
      return counts;
    }
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      if (x[i] != y[i]) {
        counts.merge(ElfSectionTable.nameAt(ranges.get(), i), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static String cause(byte[] x, byte[] y, List<Path> buildDirs, List<String> sections) {
    int at = firstContentDifference(x, y);
    String aroundX = around(x, at);
    String aroundY = around(y, at);
    for (Path d : buildDirs) {
      String dir = d.toString();
      if (contains(x, dir) || contains(y, dir)) {
        return ": likely paths (the build directory " + dir + " is embedded; -ffile-prefix-map, --remap-path-prefix"
            + " or -trimpath remove it)";
      }
    }
    if (TIME.matcher(aroundX).find() || TIME.matcher(aroundY).find()) {
      return ": likely timestamps (__DATE__/__TIME__ or a build date; honour SOURCE_DATE_EPOCH, -Wdate-time finds them)";
    }
    if (sections.size() == 1 && sections.get(0).equals(".note.gnu.build-id")) {
      return ": likely the build id alone (it hashes the other sections, so those match: check -Wl,--build-id inputs)";
    }
    if (sections.stream().anyMatch(s -> s.startsWith(".debug"))) {
      return ": likely paths or timestamps in debug info";
    }
    return ": cause unknown (compare with diffoscope)";
  }

  /** The first differing byte outside the build-id note (which differs whenever anything else does). */
  private static int firstContentDifference(byte[] x, byte[] y) {
    Optional<List<ElfSectionTable.Range>> ranges = ElfSectionTable.read(ByteBuffer.wrap(x), "first build");
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      if (x[i] != y[i] && (ranges.isEmpty()
          || !ElfSectionTable.nameAt(ranges.get(), i).equals(".note.gnu.build-id"))) {
        return i;
      }
    }
    return firstDifference(x, y);
  }

  private static int firstDifference(byte[] x, byte[] y) {
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      if (x[i] != y[i]) {
        return i;
      }
    }
    return n;
  }

  private static String around(byte[] b, int off) {
    int from = Math.max(0, off - CONTEXT);
    int to = Math.min(b.length, off + CONTEXT);
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static boolean contains(byte[] hay, String needle) {
    return new String(hay, StandardCharsets.ISO_8859_1).contains(needle);
  }
}
