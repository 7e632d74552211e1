package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of policy keys: flags (as a table), policy files, crosskit.toml's [verify]. */
class PolicyReaderTest {
  @TempDir Path dir;

  private static ObjectNode table() {
    return Json.mapper().createObjectNode();
  }

  @Test
  void anIsaLevelIsANumberOrANameEverywhere() {
    for (Object v : List.of(3, "3", "v3", "x86-64-v3")) {
      ObjectNode t = v instanceof Integer i ? table().put("max-isa-level", i) : table().put("max-isa-level", (String) v);
      assertThat(PolicyReader.full().read(t).maxIsaLevel()).as(v.toString()).isEqualTo(3);
      assertThat(PolicyReader.forBuilds().read(t).maxIsaLevel()).as(v.toString()).isEqualTo(3);
    }
    assertThat(PolicyReader.full().read(table().put("max-isa-level", "baseline")).maxIsaLevel()).isEqualTo(1);
    for (Object v : List.of(5, 0, "v9", "fast", true)) {
      ObjectNode t = table();
      if (v instanceof Integer i) {
        t.put("max-isa-level", i);
      } else if (v instanceof Boolean b) {
        t.put("max-isa-level", b);
      } else {
        t.put("max-isa-level", (String) v);
      }
      assertThatThrownBy(() -> PolicyReader.full().read(t)).as(v.toString())
          .isInstanceOf(PolicyReader.PolicyException.class)
          .hasMessageStartingWith("'max-isa-level' must be an x86-64 ISA level: 1 to 4");
    }
  }

  @Test
  void everyKeyHasOneCheck() {
    PolicySettings s = PolicyReader.full().read(table().put("expect", "linux/arm64").put("static", true)
        .put("max-glibc", "2.31").put("require-relro", "full").set("allow-lib", Json.mapper().createArrayNode()
            .add("libc.so.*")));
    assertThat(s.expect()).isEqualTo(TargetResolver.builtIn().target("aarch64-linux-gnu"));
    assertThat(s.requireStatic()).isTrue();
    assertThat(s.allowLib()).containsExactly("libc.so.*");
    assertThatThrownBy(() -> PolicyReader.full().read(table().put("max-glibc", "two")))
        .hasMessage("'max-glibc' must be a version such as \"2.31\", got \"two\"");
    assertThatThrownBy(() -> PolicyReader.full().read(table().put("require-relro", "most")))
        .hasMessage("'require-relro' must be \"partial\" or \"full\", got \"most\"");
    assertThatThrownBy(() -> PolicyReader.full().read(table().put("static", "yes")))
        .hasMessage("'static' must be true or false, got \"yes\"");
    assertThatThrownBy(() -> PolicyReader.full().read(table().put("max_glibc", "2.31")))
        .hasMessageStartingWith("unknown policy key 'max_glibc'; known keys: expect, static, max-glibc");
    // a build's target is its own: crosskit.toml's [verify] has no expect
    assertThatThrownBy(() -> PolicyReader.forBuilds().read(table().put("expect", "armhf")))
        .isInstanceOf(PolicyReader.PolicyException.class).hasMessageStartingWith("unknown policy key 'expect'");
  }

  @Test
  void theMacosKeysAreVersionsInFlagsFilesAndBuildsAlike() throws Exception {
    PolicySettings s = PolicyReader.forBuilds().read(table().put("max-macos", "11.0").put("macos-sdk", "14"));
    assertThat(s.maxMacos()).isEqualTo("11.0");
    assertThat(s.macosSdk()).isEqualTo("14");
    Policy p = PolicyReader.full().read(table().put("macos-sdk", "14.2")).over(s).toPolicy();
    assertThat(p.maxMacos()).isEqualTo("11.0");
    assertThat(p.macosSdk()).isEqualTo("14.2");
    assertThatThrownBy(() -> PolicyReader.full().read(table().put("max-macos", "eleven")))
        .isInstanceOf(PolicyReader.PolicyException.class)
        .hasMessage("'max-macos' must be a version such as \"2.31\", got \"eleven\"");
    assertThatThrownBy(() -> PolicyReader.forBuilds().read(table().put("macos-sdk", "1".repeat(41))))
        .hasMessageStartingWith("'macos-sdk' must be a version");
    Path number = Files.writeString(dir.resolve("mac.toml"), "max-macos = 11\n");
    assertThatThrownBy(() -> PolicyFile.read(number)).isInstanceOf(BadInputException.class)
        .hasMessage(number + ": 'max-macos' must be a version such as \"2.31\", got 11");
    Path good = Files.writeString(dir.resolve("good.toml"), "max-macos = \"10.15\"\nmacos-sdk = \"13.3\"\n");
    assertThat(PolicyFile.read(good).toPolicy().maxMacos()).isEqualTo("10.15");
  }

  @Test
  void flagsOverAFileOverDefaults() {
    PolicySettings file = PolicyReader.full().read(table().put("static", true).put("max-glibc", "2.31"));
    PolicySettings flags = PolicyReader.full().read(table().put("max-glibc", "2.36"));
    Policy p = flags.over(file).toPolicy();
    assertThat(p.maxGlibc()).isEqualTo("2.36");
    assertThat(p.requireStatic()).isTrue();
    assertThat(p.requirePie()).isFalse();
    assertThat(p.allowedLibs()).isEmpty();
  }

  @Test
  void aPolicyFileIsReadByTheSameReaderAndItsErrorsNameTheFile() throws Exception {
    Path good = Files.writeString(dir.resolve("p.toml"), "expect = \"aarch64-linux-gnu\"\nstatic = true\n"
        + "max-glibc = \"2.31\"\nallow-lib = [\"libc.so.6\"]\nmax-isa-level = \"x86-64-v2\"\nrequire-relro = \"full\"\n");
    PolicySettings s = PolicyFile.read(good);
    assertThat(s.expect().name()).isEqualTo("aarch64-linux-gnu");
    assertThat(s.maxIsaLevel()).isEqualTo(2);
    assertThat(s.allowLib()).containsExactly("libc.so.6");
    Path number = Files.writeString(dir.resolve("n.toml"), "max-isa-level = 2\n");
    assertThat(PolicyFile.read(number).maxIsaLevel()).isEqualTo(2);
    Path typo = Files.writeString(dir.resolve("typo.toml"), "max_glibc = \"2.31\"\n");
    assertThatThrownBy(() -> PolicyFile.read(typo)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(typo + ": unknown policy key 'max_glibc'");
    Path type = Files.writeString(dir.resolve("type.toml"), "static = \"yes\"\n");
    assertThatThrownBy(() -> PolicyFile.read(type)).hasMessage(type + ": 'static' must be true or false, got \"yes\"");
    Path broken = Files.writeString(dir.resolve("broken.toml"), "expect = \n");
    assertThatThrownBy(() -> PolicyFile.read(broken)).isInstanceOf(BadInputException.class).hasMessageContaining("TOML");
  }
}
