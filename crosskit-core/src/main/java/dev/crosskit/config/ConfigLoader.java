package dev.crosskit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.RegularFiles;
import dev.crosskit.inspect.PolicyReader;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
  /** Far more than any real configuration; keeps a runaway file from filling the heap. */
  private static final long MAX_BYTES = 1 << 20;
  private static final String ENVIRONMENT = "environment";
  /** Keys of the build section that may also be written straight under [target.X]. */
  private static final List<String> SHORTHAND = List.of("packages", "glibc", "macos", "sdk");
  /** What is hoisted out of [target.X]: the build shorthands and {@code board = "name"}. */
  private static final List<String> HOISTED = List.of("packages", "glibc", "macos", "sdk", "board");

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
      throw new ConfigException("project directory " + projectDir
          + (Files.exists(projectDir) ? " is not a directory" : " does not exist"));
    }
    Path file = projectDir.resolve(FILE_NAME);
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    Path used = null;
    if (Files.exists(file)) {
      String text = read(file);
      ObjectNode fromFile = parse(text, file.toString());
      validate(fromFile, new LineLocator(text), file.getFileName().toString());
      mergeInto(merged, fromFile);
      used = file;
    }
    ObjectNode fromEnv = EnvironmentSettings.read(env);
    validate(fromEnv, new LineLocator(""), ENVIRONMENT);
    mergeInto(merged, fromEnv);
    validate(flags, new LineLocator(""), "command line");
    mergeInto(merged, flags);

    ObjectNode targets = merged.has("target") ? (ObjectNode) merged.get("target") : JsonNodeFactory.instance.objectNode();
    LineLocator where = used == null ? new LineLocator("") : new LineLocator(read(used));
    String name = used == null ? "config" : used.getFileName().toString();
    Map<dev.crosskit.target.Target, List<String>> tables = new java.util.LinkedHashMap<>();
    var perTarget = ProjectConfig.resolveTargetSections(targets, resolver, path -> at(name, where, path), tables);
    return new ProjectConfig(projectDir, used, merged, perTarget, tables, path -> at(name, where, path));
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

  /** crosskit.toml's text: a regular file of at most {@link #MAX_BYTES} (a FIFO or /dev/zero there is refused). */
  private static String read(Path file) {
    try {
      return RegularFiles.readText(file, MAX_BYTES);
    } catch (BadInputException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** Checks one layer (the file, the environment or the flags): its keys, their types and its target names. */
  private void validate(ObjectNode root, LineLocator lines, String name) {
    validateKeys(root, lines, name);
    // the targets are checked per layer, so a bad CROSSKIT_TARGETS is blamed on the variable
    for (JsonNode t : root.path("project").path("targets")) {
      try {
        resolver.target(t.asText());
      } catch (dev.crosskit.base.UserException e) {
        throw new ConfigException(at(name, lines, List.of("project", "targets")) + ": " + e.getMessage());
      }
    }
  }

  private void validateKeys(ObjectNode root, LineLocator lines, String name) {
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
            if (SHORTHAND.contains(subName) || subName.equals("board") && !sub.getValue().isObject()) {
              // shorthand: [target.X] packages = [...] means [target.X.build] packages,
              // [target.X] board = "microbit" means [target.X.board] name
              return;
            }
            List<String> path = List.of("target", t.getKey(), subName);
            if (!schema.hasSection(subName)) {
              String hint = Schema.SECTIONS_WITH_KEYS.stream().filter(sec -> schema.type(sec, subName).isPresent())
                  .map(sec -> "did you mean " + sec + "." + subName + "? ").findFirst().orElse("");
              throw new ConfigException(at(name, lines, path) + ": unknown key '" + subName + "' in [target." + t.getKey()
                  + "]; " + hint + "a target table holds the sections " + String.join(", ", schema.sectionNames())
                  + " (e.g. build.cflags = \"-O3\") and the shorthands packages, glibc, macos, sdk and board");
            }
            checkSection(schema, subName, sub.getValue(), lines, name, path);
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
   * {@code sdk = "14.2"} are shorthand for the build section, {@code board = "name"} for the
   * board section's name.
   */
  private void hoistShorthand(ObjectNode target, LineLocator lines, String name, String targetName) {
    for (String key : HOISTED) {
      if (key.equals("board") && target.path(key).isObject()) {
        continue; // [target.X.board] is a section, validated as one
      }
      JsonNode v = target.remove(key);
      if (v != null) {
        String section = key.equals("board") ? "board" : "build";
        String field = key.equals("board") ? "name" : key;
        ObjectNode into = target.has(section) ? (ObjectNode) target.get(section) : target.putObject(section);
        checkValue(Schema.builtIn().type(section, field).orElseThrow(), v, lines, name, List.of("target", targetName, key));
        into.set(field, v);
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
    if (section.equals(Schema.VERIFY)) {
      checkPolicy(value, lines, name, path);
      return;
    }
    value.fields().forEachRemaining(k -> {
      List<String> keyPath = new ArrayList<>(path);
      keyPath.add(k.getKey());
      String type = schema.type(section, k.getKey()).orElseThrow(() -> new ConfigException(at(name, lines, keyPath)
          + ": unknown key '" + k.getKey() + "' in [" + section + "]; expected one of " + String.join(", ", schema.keys(section))));
      checkValue(type, k.getValue(), lines, name, keyPath);
    });
  }

  /** [verify]: the policy keys, checked by the one policy reader (as policy files and inspect's flags are). */
  private static void checkPolicy(JsonNode value, LineLocator lines, String name, List<String> path) {
    try {
      PolicyReader.forBuilds().read(value);
    } catch (PolicyReader.PolicyException e) {
      List<String> keyPath = new ArrayList<>(path);
      keyPath.add(e.key());
      String message = e.unknownKey()
          ? "unknown key '" + e.key() + "' in [verify]; expected one of " + String.join(", ", PolicyReader.forBuilds().keys())
          : e.getMessage().replaceFirst("^'" + java.util.regex.Pattern.quote(e.key()) + "'",
              "'" + String.join(".", path.subList(path.indexOf(Schema.VERIFY), path.size())) + "." + e.key() + "'");
      throw new ConfigException(at(name, lines, keyPath) + ": " + message);
    }
  }

  private void checkValue(String type, JsonNode v, LineLocator lines, String name, List<String> path) {
    String problem = SettingTypes.problem(type, v, String.join(".", path));
    if (problem != null) {
      throw new ConfigException(at(name, lines, path) + ": " + problem);
    }
  }

  /** Where a setting came from: {@code crosskit.toml:12}, the CROSSKIT_* variable, or the layer's name. */
  private static String at(String name, LineLocator lines, List<String> path) {
    if (name.equals(ENVIRONMENT) && path.size() >= 2) {
      String setting = path.get(0) + "." + path.get(1);
      return EnvironmentSettings.variableFor(setting).orElse(name);
    }
    int line = lines.find(path);
    return line > 0 ? name + ":" + line : name;
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
}
