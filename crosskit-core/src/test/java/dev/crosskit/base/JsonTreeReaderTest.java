package dev.crosskit.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader gives the tree databind's readTree gives, node types included, and fails where it fails. */
class JsonTreeReaderTest {
  private static final ObjectMapper DATABIND = new ObjectMapper();

  /** Every JSON resource crosskit ships (the catalogs the reader exists for). */
  static Stream<Path> resources() throws IOException {
    Path classes = Path.of("target/classes");
    try (Stream<Path> s = Files.walk(classes)) {
      List<Path> json = new ArrayList<>(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
      assertThat(json).as("JSON resources under " + classes.toAbsolutePath()).hasSizeGreaterThan(10);
      return json.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("resources")
  void readsEachResourceAsDatabindDoes(Path file) throws IOException {
    JsonNode expected = DATABIND.readTree(file.toFile());
    JsonNode actual = JsonTreeReader.read(file);
    assertThat(actual).isEqualTo(expected); // node equality includes the node types (IntNode is not LongNode)
    assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\": 1, \"b\": [true, false, null, 2.5, -3, 4000000000, 123456789012345678901234567890],"
      + " \"a\": \"last wins\", \"c\": {\"d\": \"\\u00e9\\n\"}}", "[]", "{}", "\"text\"", "42", "null", "", "  \n",
      "[1, 2] trailing"})
  void readsValuesAsDatabindDoes(String text) throws IOException {
    JsonNode expected = DATABIND.readTree(stream(text));
    assertThat(JsonTreeReader.read(stream(text))).isEqualTo(expected);
    assertThat(JsonTreeReader.read(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"a\": }", "[1, 2", "{\"a\" 1}", "tru", "{\"a\": 1,}", "[1 2]", "\"open"})
  void failsOnMalformedInputAsDatabindDoes(String text) {
    Throwable expected = org.assertj.core.api.Assertions.catchThrowable(() -> DATABIND.readTree(stream(text)));
    assertThat(expected).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonTreeReader.read(stream(text)))
        .isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
