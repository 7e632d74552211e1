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

  /**
   * The cargo adapter sets CARGO_ENCODED_RUSTFLAGS, and Cargo then ignores the per-target
   * variable: the remap must join the encoded list, or it never reaches rustc.
   */
  @Test
  void theRemapJoinsTheEncodedRustflagsCargoReadsAlone() throws Exception {
    var target = dev.crosskit.target.TargetResolver.builtIn().target("aarch64-linux-gnu");
    var tc = new dev.crosskit.toolchain.Toolchain(target, "gcc-cross", Path.of("/usr/bin/aarch64-linux-gnu-gcc"), null,
        null, null, null, null, List.of(), List.of(), List.of());
    Path project = Path.of("/src/my app");
    BuildEnvironment env = BuildEnvironment.forBuild(tc, java.util.Optional.empty(), settings("{}"), project, () -> 42L)
        .withAdapterVariables(Map.of("CARGO_ENCODED_RUSTFLAGS", "--sysroot\u001f/cache/std"));
    Map<String, String> vars = env.variables(Path.of("/out/build"));
    assertThat(vars.get("CARGO_ENCODED_RUSTFLAGS").split("\u001f")).containsExactly("--sysroot", "/cache/std",
        "--remap-path-prefix=/src/my app=.", "--remap-path-prefix=/out/build=.");
    assertThat(vars).doesNotContainKey("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS");
    // without the encoded variable (cmake or a command calling cargo) the per-target one carries it
    Map<String, String> plain = BuildEnvironment.forBuild(tc, java.util.Optional.empty(), settings("{}"), project,
        () -> 42L).variables(Path.of("/out/build"));
    assertThat(plain.get("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS")).contains("--remap-path-prefix=/out/build=.");
  }
}
