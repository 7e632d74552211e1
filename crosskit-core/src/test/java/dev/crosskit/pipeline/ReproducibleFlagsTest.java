package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.config.TargetSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproducibleFlagsTest {
  private static TargetSettings settings(String json) throws Exception {
    return new TargetSettings(new ObjectMapper().readTree(json));
  }

  @Test
  void mapsEveryDirectoryToDotForEachLanguage() {
    Map<String, String> env = new ReproducibleFlags(42, List.of(Path.of("/src/app"), Path.of("/out/build"),
        Path.of("/src/app")), "aarch64-unknown-linux-gnu").appended();
    assertThat(env.get("CFLAGS")).isEqualTo("-ffile-prefix-map=/src/app=. -ffile-prefix-map=/out/build=.");
    assertThat(env.get("CXXFLAGS")).isEqualTo(env.get("CFLAGS"));
    // Cargo merges this variable with .cargo/config.toml's target rustflags (RUSTFLAGS would replace them)
    assertThat(env.get("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS"))
        .isEqualTo("--remap-path-prefix=/src/app=. --remap-path-prefix=/out/build=.");
    assertThat(env).doesNotContainKey("RUSTFLAGS");
    assertThat(env.get("GOFLAGS")).isEqualTo("-trimpath");
  }

  @Test
  void onUnlessTurnedOff() throws Exception {
    assertThat(ReproducibleFlags.enabled(settings("{}"))).isTrue();
    assertThat(ReproducibleFlags.enabled(settings("{\"build\":{\"reproducible\":false}}"))).isFalse();
  }

  @Test
  void findsNativeCpuFlagsInFlagsAndCommands() throws Exception {
    TargetSettings none = settings("{}");
    assertThat(ReproducibleFlags.nativeCpuFlag(Map.of("CFLAGS", "-O2 -march=armv8-a"), none)).isEmpty();
    assertThat(ReproducibleFlags.nativeCpuFlag(Map.of("CXXFLAGS", "-O2 -mcpu=native"), none)).contains("-mcpu=native");
    TargetSettings configure = settings("{\"build\":{\"configure\":[\"cmake\",\"-DCMAKE_C_FLAGS=-march=native\"]}}");
    assertThat(ReproducibleFlags.nativeCpuFlag(Map.of(), configure)).contains("-march=native");
  }
}
