package dev.crosskit.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.JsonTreeReader;
import dev.crosskit.inspect.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys crosskit.toml accepts, per section, with their types (from {@code schema.json}).
 * [verify] is the policy of {@code crosskit inspect}: its keys and checks are {@link PolicyReader}'s.
 */
final class Schema {
  static final String VERIFY = "verify";

  private static final Schema BUILT_IN = load();
  /** The sections whose keys a misplaced key in a target table is compared with. */
  static final List<String> SECTIONS_WITH_KEYS = List.of("build", "test", "verify", "package");
  private final Map<String, Map<String, String>> sections;

  private Schema(Map<String, Map<String, String>> sections) {
    this.sections = sections;
  }

  static Schema builtIn() {
    return BUILT_IN;
  }

  private static Schema load() {
    try (InputStream in = Schema.class.getResourceAsStream("/dev/crosskit/config/schema.json")) {
      JsonNode root = JsonTreeReader.read(in);
      Map<String, Map<String, String>> sections = new LinkedHashMap<>();
      root.fields().forEachRemaining(s -> {
        if (!s.getKey().startsWith("_")) {
          Map<String, String> keys = new LinkedHashMap<>();
          s.getValue().fields().forEachRemaining(k -> keys.put(k.getKey(), k.getValue().asText()));
          sections.put(s.getKey(), keys);
        }
      });
      return new Schema(sections);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean hasSection(String name) {
    return sections.containsKey(name) || name.equals(VERIFY);
  }

  Optional<String> type(String section, String key) {
    if (section.equals(VERIFY)) {
      PolicyReader.Kind kind = PolicyReader.forBuilds().kind(key);
      return kind == null ? Optional.empty() : Optional.of(switch (kind) {
        case BOOL -> "bool";
        case GLOBS -> "string-list";
        default -> "string";
      });
    }
    Map<String, String> keys = sections.get(section);
    return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
  }

  Iterable<String> sectionNames() {
    List<String> names = new ArrayList<>(sections.keySet());
    names.add(names.indexOf("package") < 0 ? names.size() : names.indexOf("package"), VERIFY);
    return names;
  }

  Iterable<String> keys(String section) {
    return section.equals(VERIFY) ? PolicyReader.forBuilds().keys() : sections.getOrDefault(section, Map.of()).keySet();
  }
}
