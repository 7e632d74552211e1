package dev.crosskit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();
  private final TargetResolver targets = TargetResolver.builtIn();

  private ProjectConfig load(String toml, Map<String, String> env, ObjectNode flags) throws IOException {
    Files.writeString(dir.resolve("crosskit.toml"), toml);
    return loader.load(dir, env, flags);
  }

  private ProjectConfig load(String toml) throws IOException {
    return load(toml, Map.of(), JsonNodeFactory.instance.objectNode());
  }

  @Test
  void readsTheDocumentedExample() throws IOException {
    ProjectConfig c = load("""
        [project]
        name = "zlib"
        build = "autotools"
        targets = ["x86_64-linux-gnu", "aarch64-linux-gnu", "armv7-linux-gnueabihf", "riscv64-linux-gnu"]

        [build]
        in-source = false
        configure = ["./configure"]
        command = ["make"]
        env = { CFLAGS = "-O2" }
        artifacts = ["libz.so*", "minigzip"]

        [test]
        command = ["make", "test"]
        timeout = "10m"

        [verify]
        static = false
        max-glibc = "2.36"

        [target.aarch64-linux-gnu]
        build.env = { CFLAGS = "-O2 -mcpu=cortex-a53" }
        """);
    assertThat(c.name()).isEqualTo("zlib");
    assertThat(c.buildSystem()).contains("autotools");
    assertThat(c.targets()).hasSize(4);
    TargetSettings arm64 = c.forTarget(targets.target("aarch64-linux-gnu"));
    assertThat(arm64.env()).containsEntry("CFLAGS", "-O2 -mcpu=cortex-a53");
    assertThat(arm64.configure()).contains(List.of("./configure"));
    assertThat(arm64.testTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(arm64.verify().path("max-glibc").asText()).isEqualTo("2.36");
    TargetSettings riscv = c.forTarget(targets.target("riscv64-linux-gnu"));
    assertThat(riscv.env()).containsEntry("CFLAGS", "-O2");
    assertThat(riscv.artifacts()).containsExactly("libz.so*", "minigzip");
  }

  @Test
  void targetSectionsAcceptAnySpellingAndShorthand() throws IOException {
    ProjectConfig c = load("""
        [target."linux/arm64"]
        packages = ["zlib1g-dev"]
        glibc = "2.31"
        """);
    TargetSettings s = c.forTarget(targets.target("aarch64-linux-gnu"));
    assertThat(s.packages()).containsExactly("zlib1g-dev");
    assertThat(s.glibc()).contains("2.31");
    assertThat(c.forTarget(targets.target("x86_64-linux-gnu")).packages()).isEmpty();
  }

  @Test
  void macosTargetsTakeTheirDeploymentTargetAndSdkAsShorthand() throws IOException {
    ProjectConfig c = load("""
        [build]
        macos = "10.15"

        [target.aarch64-apple-darwin]
        macos = "11.0"
        sdk = "14.2"

        [package]
        universal = true
        """);
    TargetSettings arm = c.forTarget(targets.target("darwin/arm64"));
    assertThat(arm.macos()).contains("11.0");
    assertThat(arm.sdk()).contains("14.2");
    TargetSettings x86 = c.forTarget(targets.target("x86_64-apple-darwin"));
    assertThat(x86.macos()).contains("10.15");
    assertThat(x86.sdk()).isEmpty();
    assertThat(c.tree().path("package").path("universal").asBoolean()).isTrue();
    ProjectConfig env = load("", Map.of("CROSSKIT_MACOS", "12.0", "CROSSKIT_SDK", "/opt/MacOSX14.sdk"),
        JsonNodeFactory.instance.objectNode());
    assertThat(env.forTarget(targets.target("aarch64-macos")).macos()).contains("12.0");
    assertThat(env.forTarget(targets.target("aarch64-macos")).sdk()).contains("/opt/MacOSX14.sdk");
    assertThatThrownBy(() -> load("""
        [target.aarch64-macos]
        macos = "eleven"
        """)).isInstanceOf(ConfigException.class)
        .hasMessage("crosskit.toml:2: 'target.aarch64-macos.macos' must be a version such as \"11.0\", got \"eleven\"");
  }

  @Test
  void defaultsApplyWithoutAFile() {
    ProjectConfig c = loader.load(dir, Map.of(), JsonNodeFactory.instance.objectNode());
    assertThat(c.file()).isEmpty();
    assertThat(c.name()).isEqualTo(dir.getFileName().toString());
    TargetSettings s = c.forTarget(targets.target("x86_64-linux-gnu"));
    assertThat(s.inSource()).isFalse();
    assertThat(s.canary()).isTrue();
    assertThat(s.testTimeout()).isEqualTo(TargetSettings.DEFAULT_TEST_TIMEOUT);
  }

  @Test
  void precedenceIsFlagsThenEnvironmentThenFileThenDefaults() throws IOException {
    String toml = """
        [project]
        targets = ["aarch64-linux-gnu"]
        [test]
        timeout = "10m"
        [verify]
        max-glibc = "2.36"
        """;
    ProjectConfig fileOnly = load(toml);
    assertThat(fileOnly.targets()).containsExactly("aarch64-linux-gnu");

    Map<String, String> env = Map.of("CROSSKIT_TEST_TIMEOUT", "5m", "CROSSKIT_TARGETS", "riscv64,armhf",
        "CROSSKIT_MAX_GLIBC", "2.31");
    ProjectConfig withEnv = load(toml, env, JsonNodeFactory.instance.objectNode());
    assertThat(withEnv.targets()).containsExactly("riscv64", "armhf");
    TargetSettings s = withEnv.forTarget(targets.target("riscv64"));
    assertThat(s.testTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.verify().path("max-glibc").asText()).isEqualTo("2.31");

    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    flags.putObject("test").put("timeout", "30s");
    ProjectConfig withFlags = load(toml, env, flags);
    assertThat(withFlags.forTarget(targets.target("riscv64")).testTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(withFlags.targets()).containsExactly("riscv64", "armhf");
  }

  @Test
  void unknownKeyNamesFileLineAndExpectedKeys() {
    assertThatThrownBy(() -> load("""
        [project]
        name = "x"

        [build]
        comand = ["make"]
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("crosskit.toml:5")
        .hasMessageContaining("unknown key 'comand' in [build]")
        .hasMessageContaining("command");
  }

  @Test
  void unknownSectionIsAnError() {
    assertThatThrownBy(() -> load("[bulid]\ncommand = [\"make\"]\n"))
        .hasMessageContaining("crosskit.toml:1").hasMessageContaining("unknown section [bulid]");
  }

  @Test
  void wrongTypeSaysWhatWasExpected() {
    assertThatThrownBy(() -> load("[build]\ncommand = \"make all\"\n"))
        .hasMessageContaining("crosskit.toml:2")
        .hasMessageContaining("'build.command' must be a non-empty command as a list of strings");
    assertThatThrownBy(() -> load("[test]\ntimeout = \"ten minutes\"\n"))
        .hasMessageContaining("must be a duration");
    assertThatThrownBy(() -> load("[project]\nbuild = \"scons\"\n"))
        .hasMessageContaining("must be one of cmake, meson, autotools, make, command");
    assertThatThrownBy(() -> load("[verify]\nstatic = \"yes\"\n"))
        .hasMessageContaining("must be true or false");
  }

  @Test
  void unknownTargetNamesLineAndSuggestion() {
    assertThatThrownBy(() -> load("[project]\ntargets = [\"aarch64-linux-gnu\", \"armv7-linux-gnueabhf\"]\n"))
        .hasMessageContaining("crosskit.toml:2").hasMessageContaining("armv7-linux-gnueabihf");
    assertThatThrownBy(() -> load("[target.sparc-linux-gnu]\nbuild.env = { A = \"1\" }\n"))
        .hasMessageContaining("crosskit.toml:1").hasMessageContaining("unknown target 'sparc-linux-gnu'");
  }

  @Test
  void syntaxErrorGivesPosition() {
    assertThatThrownBy(() -> load("[project\nname = 1\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("crosskit.toml:1:").hasMessageContaining("not valid TOML");
  }

  @Test
  void badEnvironmentValueIsAnError() {
    assertThatThrownBy(() -> loader.load(dir, Map.of("CROSSKIT_STATIC", "maybe"), JsonNodeFactory.instance.objectNode()))
        .hasMessageContaining("CROSSKIT_STATIC=maybe");
  }

  @Test
  void durations() {
    assertThat(Durations.parse("90")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("1m30s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("soon")).isEmpty();
    assertThat(Durations.parse("0")).isEmpty();
  }

  /** Random and truncated inputs never escape as anything but a ConfigException. */
  @Test
  void garbageNeverCrashesTheLoader() throws IOException {
    String good = """
        [project]
        name = "zlib"
        targets = ["aarch64-linux-gnu"]
        [build]
        env = { CFLAGS = "-O2" }
        [target.aarch64-linux-gnu]
        build.env = { CFLAGS = "-O3" }
        """;
    Random random = new Random(42);
    for (int i = 0; i < 400; i++) {
      String text;
      if (i < good.length()) {
        text = good.substring(0, i);
      } else {
        char[] chars = good.toCharArray();
        for (int k = 0; k < 3; k++) {
          chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
        }
        text = new String(chars);
      }
      Files.writeString(dir.resolve("crosskit.toml"), text);
      try {
        loader.load(dir, Map.of(), JsonNodeFactory.instance.objectNode());
      } catch (ConfigException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
