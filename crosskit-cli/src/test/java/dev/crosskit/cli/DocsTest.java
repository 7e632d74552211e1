package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.base.Json;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.inspect.PolicyFile;
import dev.crosskit.inspect.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs against the code, without building anything: every crosskit.toml and policy snippet
 * loads, and docs/config.md's key and variable tables list exactly what the schema accepts.
 * The runnable shell blocks and the --help examples run in {@link DocsExamplesIntegrationTest}.
 */
class DocsTest {
  private static final Pattern KEY_CELL = Pattern.compile("^\\|\\s*`([a-z][a-z0-9-]*)`\\s*\\|");
  private static final Pattern VARIABLE_CELL = Pattern.compile("^\\|\\s*`(CROSSKIT_[A-Z_]+)`\\s*\\|\\s*`([a-z.-]+)`");
  private static final Pattern SECTION = Pattern.compile("^### `\\[([a-z]+)]`");
  @TempDir Path dir;

  private static JsonNode schema() throws IOException {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("schema.json")) {
      return Json.mapper().readTree(in);
    }
  }

  @Test
  void everyCrosskitTomlSnippetLoadsAndEveryPolicySnippetReads() throws IOException {
    int snippets = 0;
    for (DocBlocks b : DocBlocks.all()) {
      if (!b.language().equals("toml")) {
        continue;
      }
      snippets++;
      Path project = Files.createDirectories(dir.resolve("snippet-" + snippets));
      if (b.has("policy")) {
        Path policy = Files.writeString(project.resolve("policy.toml"), b.text());
        try {
          PolicyFile.read(policy);
        } catch (RuntimeException e) {
          throw new AssertionError(b.where() + ": the policy snippet does not read: " + e.getMessage(), e);
        }
        continue;
      }
      Files.writeString(project.resolve(ConfigLoader.FILE_NAME), b.text());
      try {
        new ConfigLoader().load(project, Map.of(), JsonNodeFactory.instance.objectNode());
      } catch (RuntimeException e) {
        throw new AssertionError(b.where() + ": the crosskit.toml snippet does not load: " + e.getMessage(), e);
      }
    }
    assertThat(snippets).as("toml snippets in the docs").isGreaterThanOrEqualTo(6);
  }

  /** docs/config.md's tables, per section: the keys in the first column. */
  private static Map<String, Set<String>> documentedKeys(List<String> lines) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    String section = null;
    for (String l : lines) {
      Matcher s = SECTION.matcher(l);
      if (s.find()) {
        section = s.group(1);
        out.put(section, new TreeSet<>());
        continue;
      }
      if (l.startsWith("## ")) {
        section = null;
      }
      Matcher k = KEY_CELL.matcher(l);
      if (section != null && k.find()) {
        out.get(section).add(k.group(1));
      }
    }
    return out;
  }

  /**
   * No key documented that the schema lacks, none in the schema undocumented. [verify],
   * [package] and [board] are described in prose: every key of theirs must be named there.
   */
  @Test
  void configMdTablesListExactlyTheSchemasKeys() throws IOException {
    List<String> lines = Files.readAllLines(DocBlocks.root().resolve("docs/config.md"));
    Map<String, Set<String>> documented = documentedKeys(lines);
    JsonNode schema = schema();
    List<String> problems = new ArrayList<>();
    Set<String> sections = new LinkedHashSet<>();
    schema.fieldNames().forEachRemaining(s -> {
      if (!s.startsWith("_")) {
        sections.add(s);
      }
    });
    for (String s : sections) {
      Set<String> keys = new TreeSet<>();
      schema.get(s).fieldNames().forEachRemaining(keys::add);
      if (s.equals("verify")) {
        keys.addAll(PolicyReader.forBuilds().keys());
      }
      if (!documented.containsKey(s)) {
        problems.add("[" + s + "] has no ### `[" + s + "]` heading");
        continue;
      }
      String prose = prose(lines, s);
      if (documented.get(s).isEmpty()) {
        keys.stream().filter(k -> !prose.contains("`" + k + "`"))
            .forEach(k -> problems.add("[" + s + "] " + k + " is in the schema but not named in docs/config.md"));
        continue;
      }
      keys.stream().filter(k -> !documented.get(s).contains(k))
          .forEach(k -> problems.add("[" + s + "] " + k + " is in the schema but not in docs/config.md's table"));
      documented.get(s).stream().filter(k -> !keys.contains(k))
          .forEach(k -> problems.add("[" + s + "] " + k + " is in docs/config.md's table but not in the schema"));
    }
    assertThat(problems).isEmpty();
  }

  /** The text under a section's heading, up to the next heading. */
  private static String prose(List<String> lines, String section) {
    StringBuilder sb = new StringBuilder();
    boolean in = false;
    for (String l : lines) {
      if (l.startsWith("#")) {
        in = l.startsWith("### `[" + section + "]`");
        continue;
      }
      if (in) {
        sb.append(l).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void configMdVariableTableListsExactlyTheVariablesTheSchemaReads() throws IOException {
    Map<String, String> documented = new LinkedHashMap<>();
    for (String l : Files.readAllLines(DocBlocks.root().resolve("docs/config.md"))) {
      Matcher m = VARIABLE_CELL.matcher(l);
      if (m.find()) {
        documented.put(m.group(1), m.group(2));
      }
    }
    Map<String, String> schema = new LinkedHashMap<>();
    schema().get("_env").fields().forEachRemaining(e -> schema.put(e.getKey(), e.getValue().asText()));
    assertThat(documented).isEqualTo(schema);
  }
}
