package dev.crosskit.sysroot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.Json;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How crosskit builds libstdc++ for musl targets: the data of {@code musl-cxx.json} (source
 * package, the part of gcc's tree to unpack, configure arguments, per-target host triple and
 * runtime pieces). Its text, without comments, is part of every toolchain's recipe key, so a
 * change to it rebuilds the toolchains it affects.
 */
record MuslCxxRecipe(JsonNode data) {
  private static volatile MuslCxxRecipe builtIn;

  /** One target's part of the recipe. */
  record Entry(String target, String host, Unwinder unwinder, List<String> libgccExtra) {}

  /**
   * Where a target's unwinder and __sync helpers come from when the host cross gcc's are not
   * the right code (armv6: armel's libgcc-12-dev instead of armhf's ARMv7 Thumb-2 objects), and
   * the resource with crosskit's 8-byte __atomic_* functions for it, or null.
   */
  record Unwinder(String debianArch, String debianPackage, List<String> atomics, String atomics64) {}

  static MuslCxxRecipe builtIn() {
    if (builtIn == null) {
      try (InputStream in = MuslCxxRecipe.class.getResourceAsStream("musl-cxx.json")) {
        builtIn = new MuslCxxRecipe(JsonTreeReader.read(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read musl-cxx.json", e);
      }
    }
    return builtIn;
  }

  /** The same recipe with more configure arguments (a changed recipe, as a test makes one). */
  MuslCxxRecipe withConfigure(List<String> extra) {
    ObjectNode copy = data.deepCopy();
    extra.forEach(((com.fasterxml.jackson.databind.node.ArrayNode) copy.get("configure"))::add);
    return new MuslCxxRecipe(copy);
  }

  /** The musl targets crosskit makes C++ for. */
  List<String> targets() {
    List<String> names = new ArrayList<>();
    data.get("targets").fieldNames().forEachRemaining(names::add);
    return names;
  }

  Optional<Entry> entry(String target) {
    JsonNode t = data.get("targets").get(target);
    if (t == null) {
      return Optional.empty();
    }
    Unwinder unwinder = null;
    JsonNode u = t.get("unwinder");
    if (u != null) {
      unwinder = new Unwinder(u.get("debianArch").asText(), u.get("package").asText(), texts(u.get("atomics")),
          u.path("atomics64").asText(null));
    }
    return Optional.of(new Entry(target, t.get("host").asText(), unwinder, texts(t.path("libgccExtra"))));
  }

  String sourcePackage() {
    return data.get("source").get("package").asText();
  }

  /** The library's version directory under include/c++ (e.g. 12). */
  String gccVersion() {
    return data.get("source").get("gccVersion").asText();
  }

  /** Matches the upstream tarball's name inside Debian's orig tarball. */
  Pattern innerTarball() {
    return Pattern.compile(data.get("source").get("innerTarball").asText());
  }

  /** The paths (directories end in /) of gcc's tree a standalone libstdc++ build reads. */
  List<String> subset() {
    return texts(data.get("source").get("subset"));
  }

  List<String> configure() {
    return texts(data.get("configure")).stream().map(a -> a.replace("{gccVersion}", gccVersion())).toList();
  }

  List<String> subdirs() {
    return texts(data.get("subdirs"));
  }

  Duration stepTimeout() {
    return Duration.ofMinutes(data.path("timeoutMinutes").asLong(15));
  }

  /**
   * The recipe as text for one target: the format version, the source, the configure arguments
   * and the target's entry. Comments are left out, so editing them rebuilds nothing.
   */
  String describe(String target) {
    return "recipe " + data.path("recipe").asText() + "\nsource " + Json.write(data.get("source")).replaceAll("\\s+", " ")
        + "\nconfigure " + String.join(" ", configure()) + "\nsubdirs " + String.join(" ", subdirs())
        + "\ntarget " + Json.write(data.get("targets").get(target)).replaceAll("\\s+", " ") + "\n";
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return List.copyOf(out);
  }
}
