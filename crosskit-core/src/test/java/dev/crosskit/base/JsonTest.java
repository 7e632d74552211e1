package dev.crosskit.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Json#write} prints, byte for byte, what databind's mapper prints for the same value. */
class JsonTest {
  enum Colour { RED, DARK_GREEN }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Sparse(String name, Integer size, List<String> tags, Sparse inner) {}

  record Dense(String name, long bytes, boolean flag, Colour colour, Map<String, Object> extra) {}

  record Renamed(@JsonProperty("full_name") String name, int n) {}

  record WithGetter(String name) {
    public String getUpper() {
      return name.toUpperCase();
    }
  }

  /** A bean, which only databind knows how to write. */
  public static final class Bean {
    public String getName() {
      return "bean";
    }
  }

  static Stream<Object> values() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", "aarch64-linux-gnu");
    map.put("variant", null);
    map.put("bits", 64);
    map.put("big", 1L << 40);
    map.put("ratio", 2.5);
    map.put("single", 1.25f);
    map.put("huge", new BigInteger("123456789012345678901234567890"));
    map.put("exact", new BigDecimal("1.50"));
    map.put("short", (short) 3);
    map.put("yes", true);
    map.put("escapes", "tab\t quote\" backslash\\ é \u0001 ☃ 𝄞 </script>");
    map.put("empty list", List.of());
    map.put("empty map", Map.of());
    map.put("names", new TreeMap<>(Map.of("rust", "aarch64-unknown-linux-gnu", "go", "linux/arm64")));
    map.put("set", Set.of("one"));
    map.put("nested", List.of(List.of(1, 2), List.of(), new ArrayList<>(List.of("x"))));
    map.put("colour", Colour.DARK_GREEN);
    map.put("sparse", new Sparse("s", null, List.of("a"), new Sparse(null, 3, null, null)));
    map.put("dense", new Dense(null, 7, false, Colour.RED, new LinkedHashMap<>(Map.of("k", List.of()))));
    map.put("renamed", new Renamed("n", 1));
    map.put("getter", new WithGetter("g"));
    map.put("bean", new Bean());
    map.put("path", Path.of("/tmp/x y"));
    map.put("tree", JsonNodeFactory.instance.objectNode().put("a", 1).set("b", JsonNodeFactory.instance.arrayNode().add("c")));
    return Stream.of(map, List.of(map, map), "just a string", 42, true, List.of(), Map.of(), new Sparse(null, null, null, null),
        new Dense("d", 0, true, null, null), new Renamed("r", 2), new Bean(), Colour.RED);
  }

  @ParameterizedTest
  @MethodSource("values")
  void writesWhatDatabindWrites(Object value) throws Exception {
    assertThat(Json.write(value)).isEqualTo(Json.mapper().writeValueAsString(value));
  }

  @Test
  void aPlainValueBecomesTheTreeDatabindMakes() {
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("expect", "aarch64-linux-gnu");
    flags.put("static", true);
    flags.put("allow-lib", List.of("libc.so.6", "libm.so.6"));
    flags.put("max-isa-level", 2);
    flags.put("ratio", 0.5);
    flags.put("none", null);
    assertThat(Json.tree(flags)).isEqualTo(Json.mapper().valueToTree(flags));
  }

  @Test
  void aNullIsWrittenAsNull() throws Exception {
    assertThat(Json.write(null)).isEqualTo(Json.mapper().writeValueAsString(null)).isEqualTo("null");
  }
}
