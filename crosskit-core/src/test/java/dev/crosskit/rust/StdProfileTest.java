package dev.crosskit.rust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.crosskit.exec.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile std is built with is the one of the installed sources' {@code [profile.dist]}
 * (what Rust's build system, and so Debian, compile std with), not Cargo's plain release.
 */
class StdProfileTest {
  @TempDir Path cache;

  @Test
  void stubManifestCarriesTheDistProfileOfTheInstalledSources() throws Exception {
    RustStd std = new RustStd(cache, cache, new ProcessRunner());
    Path library = std.srcDir().resolve("Cargo.toml");
    assertThat(library).as("apt-get install rust-web-src").isRegularFile();
    String manifest = StdProfile.stubManifest(library, std.stdProfileName(), std.stdProfileFallback(), std.stdRustflags());
    JsonNode toml = new TomlMapper().readTree(manifest);
    JsonNode release = toml.path("profile").path("release");
    JsonNode dist = new TomlMapper().readTree(library.toFile()).path("profile").path("dist");
    assertThat(release.path("codegen-units").asInt()).isEqualTo(dist.path("codegen-units").asInt()).isEqualTo(1);
    assertThat(strings(release.path("rustflags"))).contains("-Cembed-bitcode=yes", "-Zinline-mir",
        "-Zinline-mir-preserve-debug");
    JsonNode packages = release.path("package");
    assertThat(strings(packages.path("panic_abort").path("rustflags"))).startsWith("-Cpanic=abort").contains("-Zinline-mir");
    assertThat(packages.path("compiler_builtins").path("codegen-units").asInt())
        .as("one object per intrinsic, as in library/Cargo.toml").isGreaterThan(1000);
    assertThat(toml.path("package").path("name").asText()).isEqualTo(StdProfile.STUB_NAME);
    assertThat(strings(toml.path("cargo-features"))).containsExactly("profile-rustflags");
    assertThat(std.stdTargetRustflags("riscv64gc-unknown-linux-gnu")).containsExactly("-Cforce-unwind-tables=yes");
    assertThat(std.stdTargetRustflags("x86_64-unknown-linux-musl")).isEmpty();
  }

  /** 1.85's library/Cargo.toml has no dist profile (its build system passed the settings as flags). */
  @Test
  void sourcesWithoutADistProfileGetTheBuildSystemsSettings() throws Exception {
    RustStd std = new RustStd(cache, cache, new ProcessRunner());
    Path library = cache.resolve("Cargo.toml");
    Files.writeString(library, "[workspace]\nmembers = [\"std\"]\n\n[profile.release.package.compiler_builtins]\n"
        + "codegen-units = 10000\n");
    JsonNode release = new TomlMapper().readTree(StdProfile.stubManifest(library, std.stdProfileName(),
        std.stdProfileFallback(), List.of("-Zinline-mir"))).path("profile").path("release");
    assertThat(release.path("codegen-units").asInt()).isEqualTo(1);
    assertThat(strings(release.path("rustflags"))).containsExactly("-Cembed-bitcode=yes", "-Cforce-frame-pointers=yes",
        "-Zinline-mir");
    assertThat(release.path("package").path("compiler_builtins").path("codegen-units").asInt()).isEqualTo(10000);
    assertThat(strings(release.path("package").path("panic_abort").path("rustflags"))).startsWith("-Cpanic=abort");
  }

  @Test
  void lockFileCratesAreTheRegistryOnes() throws Exception {
    Path lock = cache.resolve("Cargo.lock");
    Files.writeString(lock, """
        version = 4
        [[package]]
        name = "std"
        version = "0.0.0"
        dependencies = ["cfg-if"]
        [[package]]
        name = "cfg-if"
        version = "1.0.4"
        source = "registry+https://github.com/rust-lang/crates.io-index"
        checksum = "9330f8b2ff13f34540b44e946ef35111825727b38d33286ef986142615121801"
        """);
    assertThat(CargoLock.registryCrates(lock)).containsExactly(new CargoLock.Crate("cfg-if", "1.0.4",
        "9330f8b2ff13f34540b44e946ef35111825727b38d33286ef986142615121801"));
    assertThat(CargoLock.registryCrates(lock).get(0).dirName()).isEqualTo("cfg-if-1.0.4");
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
