package dev.crosskit.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The crosskit.toml keys that only some build adapters use ({@code schema.json}'s
 * {@code _adapters}: a configure step, configure arguments, a build type, Cargo features, ...).
 * Every other key applies to every adapter. A key the project's adapter does not use is refused
 * rather than ignored.
 */
final class AdapterKeys {
  private static final AdapterKeys BUILT_IN = load();

  /** "build.configure" -> the adapters that take it. */
  private final Map<String, List<String>> takenBy;

  private AdapterKeys(Map<String, List<String>> takenBy) {
    this.takenBy = takenBy;
  }

  static AdapterKeys builtIn() {
    return BUILT_IN;
  }

  private static AdapterKeys load() {
    try (InputStream in = AdapterKeys.class.getResourceAsStream("/dev/crosskit/config/schema.json")) {
      JsonNode adapters = JsonTreeReader.read(in).path("_adapters");
      Map<String, List<String>> out = new LinkedHashMap<>();
      adapters.fields().forEachRemaining(e -> {
        if (e.getValue().isArray()) {
          List<String> names = new ArrayList<>();
          e.getValue().forEach(n -> names.add(n.asText()));
          out.put(e.getKey(), List.copyOf(names));
        }
      });
      return new AdapterKeys(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The adapters that take {@code section.key}; empty when every adapter does. */
  List<String> adaptersFor(String section, String key) {
    return takenBy.getOrDefault(section + "." + key, List.of());
  }

  /**
   * Checks the sections of one table (the top level, or a {@code [target.X]} table at {@code prefix}).
   *
   * @throws ConfigException for the first key {@code adapter} does not take
   */
  void check(JsonNode table, String adapter, List<String> prefix, Function<List<String>, String> where) {
    table.fields().forEachRemaining(section -> {
      if (!section.getValue().isObject() || section.getKey().equals("target")) {
        return;
      }
      section.getValue().fieldNames().forEachRemaining(key -> {
        List<String> adapters = adaptersFor(section.getKey(), key);
        if (!adapters.isEmpty() && !adapters.contains(adapter)) {
          List<String> path = new ArrayList<>(prefix);
          path.add(section.getKey());
          path.add(key);
          String what = prefix.isEmpty() ? "[" + section.getKey() + "] " + key
              : "[" + String.join(".", prefix) + "] " + section.getKey() + "." + key;
          throw new ConfigException(where.apply(path) + ": " + what
              + " is not used by the " + adapter + " build adapter; it is taken by " + String.join(", ", adapters)
              + " (remove it, or set [project] build to one of those)");
        }
      });
    });
  }
}
