package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.Json;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.inspect.Policy;
import dev.crosskit.target.TargetResolver;
import org.junit.jupiter.api.Test;

/**
 * The verify policy of a Darwin build: its deployment target ([target.X] macos, else the
 * catalog's minimum) is max-macos unless [verify] says otherwise, and [verify]'s macOS keys come
 * through the one policy reader like every other key.
 */
class DarwinPolicyTest {
  private static TargetSettings settings(String macos, ObjectNode verify) {
    ObjectNode tree = Json.mapper().createObjectNode();
    if (macos != null) {
      tree.putObject("build").put("macos", macos);
    }
    tree.set("verify", verify);
    return new TargetSettings(tree);
  }

  @Test
  void theDeploymentTargetIsMaxMacosUnlessVerifySaysOtherwise() {
    var arm = TargetResolver.builtIn().target("aarch64-apple-darwin");
    var x86 = TargetResolver.builtIn().target("x86_64-apple-darwin");
    ObjectNode none = Json.mapper().createObjectNode();
    assertThat(ArtifactVerifier.policy(arm, settings(null, none)).maxMacos()).isEqualTo("11.0");
    assertThat(ArtifactVerifier.policy(x86, settings(null, none)).maxMacos()).isEqualTo("10.13");
    assertThat(ArtifactVerifier.policy(arm, settings("12.0", none)).maxMacos()).isEqualTo("12.0");
    Policy pinned = ArtifactVerifier.policy(arm, settings("12.0", Json.mapper().createObjectNode()
        .put("max-macos", "13.0").put("macos-sdk", "14")));
    assertThat(pinned.maxMacos()).isEqualTo("13.0");
    assertThat(pinned.macosSdk()).isEqualTo("14");
    assertThat(pinned.expectTarget()).isEqualTo(arm);
  }

  @Test
  void otherTargetsGetNoMacosCeilingButKeepTheirOwnDefaults() {
    var gnu = TargetResolver.builtIn().target("aarch64-linux-gnu");
    ObjectNode tree = Json.mapper().createObjectNode();
    tree.putObject("build").put("glibc", "2.31");
    Policy p = ArtifactVerifier.policy(gnu, new TargetSettings(tree));
    assertThat(p.maxMacos()).isNull();
    assertThat(p.maxGlibc()).isEqualTo("2.31");
    assertThat(ArtifactVerifier.policy(TargetResolver.builtIn().target("x86_64-linux-musl"),
        settings(null, Json.mapper().createObjectNode())).requireStatic()).isTrue();
  }
}
