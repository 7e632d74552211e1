package dev.crosskit.base;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one JSON writer crosskit uses: pretty-printed, keys in insertion order. Plain values are
 * written with jackson-core alone ({@link PlainJsonWriter}); databind's mapper, whose
 * construction costs a command's start-up dearly, is made only when a value needs it.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** Made on first use, not when the class is loaded. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  public static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      // the printer ObjectMapper's INDENT_OUTPUT uses, so either writer's output is the other's
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      new PlainJsonWriter(g, v -> {
        try {
          mapper().writeValue(g, v);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).write(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("cannot write JSON", e.getCause());
    }
    return out.toString();
  }

  /**
   * A plain value (see {@link PlainJsonWriter}) as a JSON tree, as {@code mapper().valueToTree}
   * makes it, without constructing the mapper for plain values.
   */
  public static JsonNode tree(Object value) {
    try {
      return JsonTreeReader.read(write(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read back JSON just written", e);
    }
  }
}
