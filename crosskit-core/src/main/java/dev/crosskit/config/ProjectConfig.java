package dev.crosskit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A project's effective configuration: defaults, then crosskit.toml, then CROSSKIT_* variables,
 * then command-line flags, each layer overriding the one before (see {@link ConfigLoader}).
 */
public final class ProjectConfig {
  private final Path projectDir;
  private final Path file;
  private final ObjectNode merged;
  private final Map<Target, ObjectNode> perTarget;
  /** Per target table: where it is written and how ("crosskit.toml:7", "riscv64"). */
  private final Map<Target, List<String>> tables;

  /** Where a key is set in crosskit.toml ("crosskit.toml:12"), from its path (section, key). */
  private final Function<List<String>, String> where;

  ProjectConfig(Path projectDir, Path file, ObjectNode merged, Map<Target, ObjectNode> perTarget,
      Map<Target, List<String>> tables, Function<List<String>, String> where) {
    this.projectDir = projectDir;
    this.file = file;
    this.merged = merged;
    this.perTarget = perTarget;
    this.tables = tables;
    this.where = where;
  }

  /**
   * Refuses the keys the build adapter {@code adapter} does not use (a configure step for Cargo,
   * a build type for make, ...), so that none is silently ignored: a {@link ConfigException}
   * naming the file and line, and the adapters that take the key.
   */
  public void checkKeysFor(String adapter) {
    AdapterKeys keys = AdapterKeys.builtIn();
    keys.check(merged, adapter, List.of(), where);
    perTarget.forEach((t, table) -> keys.check(table, adapter, List.of("target", tables.get(t).get(1)), where));
  }

  /**
   * One warning per {@code [target.X]} table whose target is not among {@code built}: its
   * settings are silently unused otherwise (a typo'd or forgotten target).
   */
  public List<String> unusedTargetTables(List<Target> built) {
    List<String> out = new ArrayList<>();
    tables.forEach((t, where) -> {
      if (!built.contains(t)) {
        out.add(where.get(0) + ": [target." + where.get(1) + "] applies to " + t.name() + ", which is not among the"
            + " targets built (" + String.join(", ", built.stream().map(Target::name).toList())
            + "): its settings are not used");
      }
    });
    return out;
  }

  public Path projectDir() {
    return projectDir;
  }

  /** The crosskit.toml that was read, or empty when the project has none. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  public String name() {
    String n = merged.path("project").path("name").asText("");
    return n.isEmpty() ? projectDir.toAbsolutePath().normalize().getFileName().toString() : n;
  }

  public Optional<String> version() {
    return text(merged, "project", "version");
  }

  /** The build system named in the configuration, if any (else the caller detects it). */
  public Optional<String> buildSystem() {
    return text(merged, "project", "build");
  }

  /** The targets named in the configuration (spellings as written), possibly empty. */
  public List<String> targets() {
    List<String> out = new ArrayList<>();
    merged.path("project").path("targets").forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The settings for one target: the common sections with that target's overrides on top. */
  public TargetSettings forTarget(Target t) {
    ObjectNode node = merged.deepCopy();
    ObjectNode override = perTarget.get(t);
    if (override != null) {
      ConfigLoader.mergeInto(node, override);
    }
    node.remove("target");
    // A project's linker script is named relative to the project; the build runs elsewhere.
    JsonNode script = node.path("board").path("linker-script");
    if (script.isTextual() && !script.asText().isEmpty()) {
      ((ObjectNode) node.get("board")).put("linker-script",
          projectDir.resolve(script.asText()).toAbsolutePath().normalize().toString());
    }
    return new TargetSettings(node);
  }

  /** The merged tree, for report.json and cache keys. */
  public JsonNode tree() {
    return merged;
  }

  static Optional<String> text(JsonNode root, String section, String key) {
    JsonNode n = root.path(section).path(key);
    return n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? Optional.empty() : Optional.of(n.asText());
  }

  static ObjectNode emptyObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  static Map<Target, ObjectNode> resolveTargetSections(ObjectNode targets, TargetResolver resolver,
      java.util.function.Function<List<String>, String> where, Map<Target, List<String>> tables) {
    Map<Target, ObjectNode> out = new LinkedHashMap<>();
    targets.fields().forEachRemaining(e -> {
      Target t;
      String at = where.apply(List.of("target", e.getKey()));
      try {
        t = resolver.target(e.getKey());
      } catch (dev.crosskit.base.UserException ex) {
        throw new ConfigException(at + ": " + ex.getMessage());
      }
      out.put(t, (ObjectNode) e.getValue());
      tables.putIfAbsent(t, List.of(at, e.getKey()));
    });
    return out;
  }
}
