package dev.crosskit.base;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads JSON into a {@link JsonNode} tree with jackson-core's streaming parser, giving the tree
 * {@code ObjectMapper.readTree} gives (the same node types, the last of duplicate keys, a missing
 * node for empty input, the same {@link com.fasterxml.jackson.core.JsonParseException} for
 * malformed input). The catalogs are read on every command's start-up path, and constructing a
 * databind {@code ObjectMapper} costs more than parsing them all: it loads and initialises
 * hundreds of classes that a tree of nodes does not need.
 */
public final class JsonTreeReader {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTreeReader() {}

  public static JsonNode read(InputStream in) throws IOException {
    if (in == null) {
      throw new IllegalArgumentException("no JSON to read (a resource that is not there?)");
    }
    try (JsonParser p = FACTORY.createParser(in)) {
      return document(p);
    }
  }

  public static JsonNode read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public static JsonNode read(String text) throws IOException {
    try (JsonParser p = FACTORY.createParser(text)) {
      return document(p);
    }
  }

  /** A JSON resource that ships inside crosskit's jar, found beside {@code owner}'s class. */
  public static JsonNode resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static JsonNode document(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    return first == null ? MissingNode.getInstance() : value(p, first);
  }

  private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> array(p);
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + token);
    };
  }

  private static ObjectNode object(JsonParser p) throws IOException {
    ObjectNode o = NODES.objectNode();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      o.set(name, value(p, p.nextToken()));
    }
    return o;
  }

  private static ArrayNode array(JsonParser p) throws IOException {
    ArrayNode a = NODES.arrayNode();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      a.add(value(p, t));
    }
    return a;
  }
}
