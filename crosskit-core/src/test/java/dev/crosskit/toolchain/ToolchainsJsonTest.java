package dev.crosskit.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.toolchain.ToolchainData.Root;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** toolchains.json read from its tree gives the records databind's binding gives, and refuses unknown keys as it did. */
class ToolchainsJsonTest {
  private static final String RESOURCE = "/dev/crosskit/toolchain/toolchains.json";

  @Test
  void readsTheRecordsDatabindBinds() throws IOException {
    ObjectMapper databind = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    ObjectNode tree;
    Root actual;
    try (InputStream a = getClass().getResourceAsStream(RESOURCE); InputStream b = getClass().getResourceAsStream(RESOURCE)) {
      tree = (ObjectNode) databind.readTree(a);
      actual = ToolchainsJson.read(b);
    }
    tree.remove("_comment"); // the one key whose name is not its component's
    Root expected = databind.treeToValue(tree, Root.class);
    assertThat(actual.families()).hasSizeGreaterThan(10).isEqualTo(expected.families());
    assertThat(actual.runners()).isNotEmpty().isEqualTo(expected.runners());
    assertThat(actual.buildTools()).isNotEmpty().isEqualTo(expected.buildTools());
    assertThat(actual.languages()).isNotEmpty().isEqualTo(expected.languages());
    assertThat(actual.debugger()).isNotNull().isEqualTo(expected.debugger());
    assertThat(actual.host()).isEqualTo(expected.host());
    assertThat(actual.commonTargets()).isNotEmpty().isEqualTo(expected.commonTargets());
    assertThat(actual.comment()).isNotEmpty();
  }

  @Test
  void anUnknownKeyIsAnError() {
    String json = "{\"families\": [{\"name\": \"gcc-cross\", \"cc\": \"gcc\", \"cflag\": [\"-O2\"]}]}";
    assertThatThrownBy(() -> ToolchainsJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasMessage("toolchains.json: unknown key 'cflag' in family gcc-cross");
  }
}
