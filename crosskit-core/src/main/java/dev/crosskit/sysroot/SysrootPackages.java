package dev.crosskit.sysroot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The packages every glibc sysroot gets, and the dependencies never worth unpacking ({@code sysroot-base-packages.json}). */
final class SysrootPackages {
  private static volatile SysrootPackages builtIn;

  final List<String> glibcBase;
  final Set<String> skip;

  private SysrootPackages(List<String> glibcBase, Set<String> skip) {
    this.glibcBase = List.copyOf(glibcBase);
    this.skip = Set.copyOf(skip);
  }

  static SysrootPackages builtIn() {
    if (builtIn == null) {
      try (InputStream in = SysrootPackages.class.getResourceAsStream("sysroot-base-packages.json")) {
        JsonNode root = JsonTreeReader.read(in);
        List<String> base = new ArrayList<>();
        root.get("glibc").forEach(n -> base.add(n.asText()));
        Set<String> skip = new TreeSet<>();
        root.get("skip").forEach(n -> skip.add(n.asText()));
        builtIn = new SysrootPackages(base, skip);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read sysroot-base-packages.json", e);
      }
    }
    return builtIn;
  }
}
