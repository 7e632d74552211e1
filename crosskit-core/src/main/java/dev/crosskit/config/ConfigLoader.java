package dev.crosskit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads crosskit.toml and applies the precedence: command-line flags > CROSSKIT_* environment >
 * crosskit.toml > defaults. Every layer is validated against {@code schema.json}: an unknown
 * section or key, a wrong type or an unknown target name is an error that names the file, the
 * line and what was expected.
 */
public final class ConfigLoader {
  public static final String FILE_NAME = "crosskit.toml";
  private static final TomlMapper TOML = new TomlMapper();
  private static final Map<String, String> ENV_KEYS = loadEnvKeys();
  /** Keys of the build section that may also be written straight under [target.X]. */
  private static final List<String> SHORTHAND = List.of("packages", "glibc", "macos", "sdk");

  private final TargetResolver resolver;

  public ConfigLoader(TargetResolver resolver) {
    this.resolver = resolver;
  }

  public ConfigLoader() {
    this(TargetResolver.builtIn());
  }

  /**
   * Loads a project's configuration.
   *
   * @param projectDir the project (crosskit.toml is read from there when present)
   * @param env the environment to read CROSSKIT_* variables from
   * @param flags command-line settings in the same shape as the file (section -> key -> value)
   */
  public ProjectConfig load(Path projectDir, Map<String, String> env, ObjectNode flags) {
    if (!Files.isDirectory(projectDir)) {
      throw new ConfigException("project directory " + projectDir + " does not exist");
    }
    Path file = projectDir.resolve(FILE_NAME);
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    Path used = null;
    if (Files.isRegularFile(file)) {
      String text = read(file);
      ObjectNode fromFile = parse(text, file.toString());
      validate(fromFile, new LineLocator(text), file.getFileName().toString());
      mergeInto(merged, fromFile);
      used = file;
    }
    ObjectNode fromEnv = fromEnvironment(env);
    validate(fromEnv, new LineLocator(""), "environment");
    mergeInto(merged, fromEnv);
    validate(flags, new LineLocator(""), "command line");
    mergeInto(merged, flags);

    ObjectNode targets = merged.has("target") ? (ObjectNode) merged.get("target") : JsonNodeFactory.instance.objectNode();
    LineLocator where = used == null ? new LineLocator("") : new LineLocator(read(used));
    String name = used == null ? "config" : used.getFileName().toString();
    var perTarget = ProjectConfig.resolveTargetSections(targets, resolver, path -> at(name, where, path));
    for (JsonNode t : merged.path("project").path("targets")) {
      try {
        resolver.target(t.asText());
      } catch (dev.crosskit.base.UserException e) {
        throw new ConfigException(at(name, where, List.of("project", "targets")) + ": " + e.getMessage());
      }
    }
    return new ProjectConfig(projectDir, used, merged, perTarget);
  }

  /** Parses TOML text; a syntax error becomes a one-line message with its position. */
  static ObjectNode parse(String text, String name) {
    try {
      JsonNode node = TOML.readTree(text);
      return node instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String pos = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
      throw new ConfigException(name + pos + ": not valid TOML: " + e.getOriginalMessage());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ConfigException(file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private void validate(ObjectNode root, LineLocator lines, String name) {
    Schema schema = Schema.builtIn();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> section = it.next();
      String s = section.getKey();
      if (s.equals("target")) {
        if (!section.getValue().isObject()) {
          throw new ConfigException(at(name, lines, List.of("target")) + ": [target] must be tables like [target.aarch64-linux-gnu]");
        }
        section.getValue().fields().forEachRemaining(t -> {
          if (!t.getValue().isObject()) {
            throw new ConfigException(at(name, lines, List.of("target", t.getKey()))
                + ": [target." + t.getKey() + "] must be a table of sections (build, test, verify, package)");
          }
          t.getValue().fields().forEachRemaining(sub -> {
            String subName = sub.getKey();
            if (SHORTHAND.contains(subName)) {
              // shorthand: [target.X] packages = [...] means [target.X.build] packages
              return;
            }
            checkSection(schema, subName, sub.getValue(), lines, name, List.of("target", t.getKey(), subName));
          });
          hoistShorthand((ObjectNode) t.getValue(), lines, name, t.getKey());
        });
        continue;
      }
      checkSection(schema, s, section.getValue(), lines, name, List.of(s));
    }
  }

  /**
   * {@code [target.X] packages = [...]}, {@code glibc = "2.31"}, {@code macos = "11.0"} and
   * {@code sdk = "14.2"} are shorthand for the build section.
   */
  private void hoistShorthand(ObjectNode target, LineLocator lines, String name, String targetName) {
    for (String key : SHORTHAND) {
      JsonNode v = target.remove(key);
      if (v != null) {
        ObjectNode build = target.has("build") ? (ObjectNode) target.get("build") : target.putObject("build");
        checkValue(Schema.builtIn().type("build", key).orElseThrow(), v, lines, name, List.of("target", targetName, key));
        build.set(key, v);
      }
    }
  }

  private void checkSection(Schema schema, String section, JsonNode value, LineLocator lines, String name, List<String> path) {
    if (!schema.hasSection(section)) {
      throw new ConfigException(at(name, lines, path) + ": unknown section [" + section + "]; expected one of "
          + String.join(", ", schema.sectionNames()) + ", target");
    }
    if (!value.isObject()) {
      throw new ConfigException(at(name, lines, path) + ": '" + section + "' must be a table");
    }
    value.fields().forEachRemaining(k -> {
      List<String> keyPath = new ArrayList<>(path);
      keyPath.add(k.getKey());
      String type = schema.type(section, k.getKey()).orElseThrow(() -> new ConfigException(at(name, lines, keyPath)
          + ": unknown key '" + k.getKey() + "' in [" + section + "]; expected one of " + String.join(", ", schema.keys(section))));
      checkValue(type, k.getValue(), lines, name, keyPath);
    });
  }

  private void checkValue(String type, JsonNode v, LineLocator lines, String name, List<String> path) {
    String key = String.join(".", path);
    boolean ok = switch (type) {
      case "string" -> v.isTextual();
      case "bool" -> v.isBoolean();
      case "int" -> v.isIntegralNumber();
      case "version" -> v.isTextual() && dev.crosskit.base.Versions.isVersion(v.asText());
      case "duration" -> v.isIntegralNumber() && v.asLong() > 0 || v.isTextual() && Durations.parse(v.asText()).isPresent();
      case "string-list", "argv" -> v.isArray() && allText(v) && !(type.equals("argv") && v.isEmpty());
      case "string-map" -> v.isObject() && allValuesScalar(v);
      default -> type.startsWith("enum:") && v.isTextual()
          && List.of(type.substring(5).split("\\|")).contains(v.asText());
    };
    if (!ok) {
      throw new ConfigException(at(name, lines, path) + ": '" + key + "' " + expected(type) + ", got " + describe(v));
    }
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean allValuesScalar(JsonNode obj) {
    for (JsonNode n : obj) {
      if (!n.isValueNode()) {
        return false;
      }
    }
    return true;
  }

  private static String expected(String type) {
    return switch (type) {
      case "string" -> "must be a string";
      case "bool" -> "must be true or false";
      case "int" -> "must be a whole number";
      case "version" -> "must be a version such as \"11.0\"";
      case "duration" -> "must be a duration such as \"90s\", \"10m\" or \"1h\"";
      case "string-list" -> "must be a list of strings, e.g. [\"a\", \"b\"]";
      case "argv" -> "must be a non-empty command as a list of strings, e.g. [\"make\", \"test\"]";
      case "string-map" -> "must be a table of strings, e.g. { CFLAGS = \"-O2\" }";
      default -> "must be one of " + type.substring(5).replace("|", ", ");
    };
  }

  private static String describe(JsonNode v) {
    String text = v.toString();
    return (v.isArray() ? "a list " : v.isObject() ? "a table " : "") + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
  }

  private static String at(String name, LineLocator lines, List<String> path) {
    int line = lines.find(path);
    return line > 0 ? name + ":" + line : name;
  }

  /** CROSSKIT_* variables as a settings tree (the mapping is data in schema.json). */
  static ObjectNode fromEnvironment(Map<String, String> env) {
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

  /** Deep-merges {@code over} into {@code base}: tables merge key by key, anything else replaces. */
  static void mergeInto(ObjectNode base, JsonNode over) {
    over.fields().forEachRemaining(e -> {
      JsonNode existing = base.get(e.getKey());
      // Tables merge key by key (so a target's build.env adds or overrides single variables).
      if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
        mergeInto(eo, vo);
      } else {
        base.set(e.getKey(), e.getValue().deepCopy());
      }
    });
  }

  private static Map<String, String> loadEnvKeys() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/dev/crosskit/config/schema.json")) {
      JsonNode env = new ObjectMapper().readTree(in).path("_env");
      Map<String, String> out = new java.util.LinkedHashMap<>();
      env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
