package dev.crosskit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CROSSKIT_* environment variables that set crosskit.toml keys (CROSSKIT_TARGETS,
 * CROSSKIT_BUILD_TIMEOUT, ...; the mapping is the {@code _env} table of schema.json), read into
 * a settings tree of the same shape as the file, which {@link ConfigLoader} then validates.
 */
final class EnvironmentSettings {
  private static final Map<String, String> ENV_KEYS = loadEnvKeys();

  private EnvironmentSettings() {}

  /** CROSSKIT_* variables as a settings tree (the mapping is data in schema.json). */
  static ObjectNode read(Map<String, String> env) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ENV_KEYS.forEach((var, path) -> {
      String value = env.get(var);
      if (value == null || value.isBlank()) {
        return;
      }
      String[] parts = path.split("\\.");
      ObjectNode section = root.has(parts[0]) ? (ObjectNode) root.get(parts[0]) : root.putObject(parts[0]);
      String type = Schema.builtIn().type(parts[0], parts[1]).orElseThrow();
      section.set(parts[1], envValue(var, type, value.trim()));
    });
    return root;
  }

  /** The CROSSKIT_* variable that sets {@code setting} ({@code build.timeout}), if one does. */
  static Optional<String> variableFor(String setting) {
    return ENV_KEYS.entrySet().stream().filter(e -> e.getValue().equals(setting)).map(Map.Entry::getKey).findFirst();
  }

  private static JsonNode envValue(String var, String type, String value) {
    return switch (type) {
      case "bool" -> switch (value.toLowerCase(Locale.ROOT)) {
        case "1", "true", "yes", "on" -> BooleanNode.TRUE;
        case "0", "false", "no", "off" -> BooleanNode.FALSE;
        default -> throw new ConfigException(var + "=" + value + ": expected true or false");
      };
      case "string-list" -> {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String s : value.split("[,\\s]+")) {
          if (!s.isEmpty()) {
            a.add(s);
          }
        }
        yield a;
      }
      default -> TextNode.valueOf(value);
    };
  }

  private static Map<String, String> loadEnvKeys() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/dev/crosskit/config/schema.json")) {
      JsonNode env = JsonTreeReader.read(in).path("_env");
      Map<String, String> out = new java.util.LinkedHashMap<>();
      env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
