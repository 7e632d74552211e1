package dev.crosskit.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Machine-code tables and per-arch data from {@code machines.json}. */
final class Machines {
  private static final Machines INSTANCE = load();

  private final JsonNode root;
  private final Set<Integer> nxByDefault = new HashSet<>();
  private final List<String> hostPathPrefixes = new ArrayList<>();
  private final Set<String> glibcSonames = new HashSet<>();

  private Machines(JsonNode root) {
    this.root = root;
    root.path("nxStackByDefault").forEach(n -> nxByDefault.add(n.asInt()));
    root.path("hostPathPrefixes").forEach(n -> hostPathPrefixes.add(n.asText()));
    root.path("glibcSonames").forEach(n -> glibcSonames.add(n.asText()));
  }

  static Machines get() {
    return INSTANCE;
  }

  private static Machines load() {
    try (InputStream in = Machines.class.getResourceAsStream("/dev/crosskit/inspect/machines.json")) {
      return new Machines(JsonTreeReader.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read machines.json", e);
    }
  }

  /** Display name of a machine code in {@code format} (elf, pe, macho), or "unknown (0x..)". */
  String name(String format, long code) {
    JsonNode n = root.path(format).path(Long.toString(code));
    return n.isMissingNode() ? "unknown (0x" + Long.toHexString(code) + ")" : n.path("name").asText();
  }

  /** Catalog arch family for a machine code, taking bitness and endianness into account. */
  String arch(String format, long code, int bits, boolean bigEndian) {
    JsonNode n = root.path(format).path(Long.toString(code));
    if (n.isMissingNode()) {
      return "unknown";
    }
    if (bits == 32 && n.has("arch32")) {
      return n.get("arch32").asText();
    }
    if (bigEndian && n.has("archBig")) {
      return n.get("archBig").asText();
    }
    return n.path("arch").asText();
  }

  boolean nxStackByDefault(int elfMachine) {
    return nxByDefault.contains(elfMachine);
  }

  Optional<String> glibcBaseline(String arch) {
    JsonNode n = root.path("glibcBaseline").path(arch);
    return n.isMissingNode() ? Optional.empty() : Optional.of(n.asText());
  }

  boolean glibcSoname(String soname) {
    return glibcSonames.contains(soname);
  }

  List<String> hostPathPrefixes() {
    return hostPathPrefixes;
  }
}
