package dev.crosskit.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The word tables of {@code spellings.json}: what each word in a target name may mean. */
record Spellings(
    Map<String, Set<String>> arch,
    Map<String, Set<String>> variant,
    Map<String, String> os,
    Map<String, String> libc,
    Map<String, String> floatAbi,
    Set<String> ignore) {

  private static final String RESOURCE = "/dev/crosskit/target/spellings.json";

  static Spellings builtIn() {
    try (InputStream in = Spellings.class.getResourceAsStream(RESOURCE)) {
      JsonNode root = JsonTreeReader.read(in);
      Set<String> ignore = new HashSet<>();
      root.path("ignore").forEach(n -> ignore.add(n.asText()));
      return new Spellings(
          sets(root.path("arch")), sets(root.path("variant")),
          strings(root.path("os")), strings(root.path("libc")), strings(root.path("float")), ignore);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static Map<String, Set<String>> sets(JsonNode node) {
    Map<String, Set<String>> out = new HashMap<>();
    node.fields().forEachRemaining(e -> {
      Set<String> values = new LinkedHashSet<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      out.put(e.getKey(), values);
    });
    return out;
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new HashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  boolean known(String word) {
    return arch.containsKey(word) || variant.containsKey(word) || os.containsKey(word)
        || libc.containsKey(word) || floatAbi.containsKey(word) || ignore.contains(word);
  }
}
