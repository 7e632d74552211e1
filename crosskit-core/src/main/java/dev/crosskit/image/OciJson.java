package dev.crosskit.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Compact JSON for blobs. Keys keep the order they were put in, so the same image always
 * serialises to the same bytes (a manifest's digest is the digest of these bytes).
 */
final class OciJson {
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private OciJson() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array(String... values) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }

  static byte[] bytes(ObjectNode node) {
    try {
      return COMPACT.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
