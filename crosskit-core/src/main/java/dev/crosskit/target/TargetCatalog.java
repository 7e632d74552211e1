package dev.crosskit.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The known targets, read from the {@code targets.json} resource. A target's fields are the
 * merge of its arch entry, its OS entry (where a null removes an arch field that means nothing
 * on that OS) and its own entry, in that order.
 */
public final class TargetCatalog {
  private static final String RESOURCE = "/dev/crosskit/target/targets.json";
  private static volatile TargetCatalog builtIn;

  private final List<Target> targets;
  private final Map<String, Target> byName;

  private TargetCatalog(List<Target> targets) {
    this.targets = List.copyOf(targets);
    Map<String, Target> names = new LinkedHashMap<>();
    for (Target t : targets) {
      if (names.put(t.name(), t) != null) {
        throw new IllegalStateException("duplicate target name in catalog: " + t.name());
      }
    }
    this.byName = Collections.unmodifiableMap(names);
  }

  /** The catalog shipped with crosskit (loaded once). */
  public static TargetCatalog builtIn() {
    TargetCatalog c = builtIn;
    if (c == null) {
      synchronized (TargetCatalog.class) {
        c = builtIn;
        if (c == null) {
          try (InputStream in = TargetCatalog.class.getResourceAsStream(RESOURCE)) {
            c = builtIn = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the target catalog " + RESOURCE, e);
          }
        }
      }
    }
    return c;
  }

  /** Reads a catalog in the {@code targets.json} format. */
  public static TargetCatalog read(InputStream in) throws IOException {
    JsonNode root = JsonTreeReader.read(in);
    JsonNode arches = root.path("arches");
    JsonNode oses = root.path("oses");
    List<Target> list = new ArrayList<>();
    for (JsonNode t : root.path("targets")) {
      String name = text(t, "name");
      String archKey = text(t, "arch");
      String osKey = text(t, "os");
      JsonNode arch = arches.path(archKey);
      JsonNode os = oses.path(osKey);
      if (arch.isMissingNode() || os.isMissingNode()) {
        throw new IOException("target " + name + " names an unknown arch or os: " + archKey + "/" + osKey);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      merge(fields, arch);
      merge(fields, os);
      merge(fields, t);
      fields.remove("aliases");
      fields.put("arch", arch.path("arch").asText());
      List<String> aliases = new ArrayList<>();
      t.path("aliases").forEach(a -> aliases.add(a.asText()));
      list.add(new Target(
          name,
          archKey,
          arch.path("arch").asText(),
          fields.get("variant"),
          fields.getOrDefault("vendor", "unknown"),
          osKey,
          text(t, "libc"),
          fields.get("floatAbi"),
          fields.get("endian"),
          Integer.parseInt(fields.get("bits")),
          Collections.unmodifiableMap(fields),
          List.copyOf(aliases)));
    }
    return new TargetCatalog(list);
  }

  private static void merge(Map<String, String> into, JsonNode node) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        into.remove(e.getKey());
      } else if (e.getValue().isValueNode()) {
        into.put(e.getKey(), e.getValue().asText());
      }
    }
  }

  private static String text(JsonNode node, String key) throws IOException {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual()) {
      throw new IOException("catalog entry lacks \"" + key + "\": " + node);
    }
    return v.asText();
  }

  /** Every target, in catalog order (the order that breaks ties between ambiguous spellings). */
  public List<Target> all() {
    return targets;
  }

  public Optional<Target> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
