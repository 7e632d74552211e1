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
    ReproducibleFlags flags = new ReproducibleFlags(42, List.of(Path.of("/src/app"), Path.of("/out/build"),
        Path.of("/src/app")), "aarch64-unknown-linux-gnu");
    // C and C++: with the compiler, never in CFLAGS (which would replace a project's default flags)
    assertThat(flags.compileFlags()).containsExactly("-ffile-prefix-map=/src/app=.", "-ffile-prefix-map=/out/build=.");
    Map<String, String> env = flags.appended();
    assertThat(env).doesNotContainKeys("CFLAGS", "CXXFLAGS");
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
    // [build] cflags go into the compiler variable
    assertThat(ReproducibleFlags.nativeCpuFlag(Map.of("CC", "/usr/bin/gcc -march=native"), none)).contains("-march=native");
    TargetSettings configure = settings("{\"build\":{\"configure\":[\"cmake\",\"-DCMAKE_C_FLAGS=-march=native\"]}}");
    assertThat(ReproducibleFlags.nativeCpuFlag(Map.of(), configure)).contains("-march=native");
  }
}
