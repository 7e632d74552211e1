package dev.crosskit.sysroot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recipe for each musl target's sysroot, from {@code musl-targets.json}: Debian's musl
 * packages for an architecture, or Debian's musl source built with the host's cross gcc, and
 * for armv6 a gcc runtime taken from another architecture.
 */
final class MuslRecipes {
  private MuslRecipes() {}

  /** Where one musl target's C library comes from ({@code musl-targets.json}). */
  record Source(String kind, String debianArch, String gccPrefix, String gccPackage, String loader, String why,
      GccRuntime gccRuntime) {
    boolean fromDebian() {
      return "debian".equals(kind);
    }
  }

  /**
   * gcc runtime objects taken from another Debian architecture's gcc instead of the host cross
   * compiler's (armv6: armel's ARMv5TE code instead of armhf's ARMv7 Thumb-2).
   */
  record GccRuntime(String debianArch, String debianPackage, List<String> objects, List<String> libgccMembers) {}

  /** The recipe for a musl target, or empty when crosskit has none. */
  static Optional<Source> source(String target) {
    try (InputStream in = MuslRecipes.class.getResourceAsStream("musl-targets.json")) {
      JsonNode t = JsonTreeReader.read(in).get("targets").get(target);
      if (t == null) {
        return Optional.empty();
      }
      GccRuntime rt = null;
      JsonNode r = t.get("gccRuntime");
      if (r != null) {
        List<String> objects = new ArrayList<>();
        r.get("objects").forEach(n -> objects.add(n.asText()));
        List<String> members = new ArrayList<>();
        r.get("libgccMembers").forEach(n -> members.add(n.asText()));
        rt = new GccRuntime(r.get("debianArch").asText(), r.get("package").asText(), objects, members);
      }
      return Optional.of(new Source(t.get("source").asText(), t.path("debianArch").asText(null), t.get("gcc").asText(),
          t.get("gccPackage").asText(), t.get("loader").asText(), t.path("why").asText(null), rt));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read musl-targets.json", e);
    }
  }

  /** A target's entry of musl-targets.json as compact JSON (what its recipe key hashes), or empty. */
  static Optional<String> describe(String target) {
    try (InputStream in = MuslRecipes.class.getResourceAsStream("musl-targets.json")) {
      JsonNode t = JsonTreeReader.read(in).get("targets").get(target);
      return t == null ? Optional.empty() : Optional.of(t.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read musl-targets.json", e);
    }
  }

  /** The musl targets there is a recipe for. */
  static List<String> targets() {
    try (InputStream in = MuslRecipes.class.getResourceAsStream("musl-targets.json")) {
      List<String> names = new ArrayList<>();
      JsonTreeReader.read(in).get("targets").fieldNames().forEachRemaining(names::add);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read musl-targets.json", e);
    }
  }
}
