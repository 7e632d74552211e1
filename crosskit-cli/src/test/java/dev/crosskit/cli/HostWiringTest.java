package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.Json;
import dev.crosskit.host.Host;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command works with the one Host the command line was given: env, toolchain-file and
 * doctor find the same compiler on the host's PATH and write into the host's cache. The PATH
 * here holds stand-in files only (finding a toolchain looks at files; nothing is run).
 */
class HostWiringTest {
  @TempDir Path dir;

  private Host host() throws Exception {
    return StandInHost.in(dir);
  }

  private static CliRunner run(Host host, String... args) {
    return CliRunner.run(host, args);
  }

  @Test
  void envToolchainFileAndDoctorSeeTheHostsToolchain() throws Exception {
    Host host = host();
    String gcc = dir.resolve("bin/gcc").toString();

    CliRunner env = run(host, "env", "x86_64-linux-gnu", "--format", "json");
    assertThat(env.exitCode()).as(env.err()).isZero();
    JsonNode vars = Json.mapper().readTree(env.out());
    assertThat(vars.path("CC").asText()).isEqualTo(gcc);
    Path cmake = dir.resolve("cache/toolchains/x86_64-linux-gnu.cmake");
    assertThat(vars.path("CMAKE_TOOLCHAIN_FILE").asText()).isEqualTo(cmake.toString());
    assertThat(cmake).content().contains("set(CMAKE_C_COMPILER \"" + gcc + "\")");

    CliRunner file = run(host, "toolchain-file", "x86_64-linux-gnu", "--format", "meson");
    assertThat(file.exitCode()).as(file.err()).isZero();
    assertThat(file.out()).contains("c = '" + gcc + "'");

    CliRunner doctor = run(host, "doctor", "x86_64-linux-gnu", "--json");
    JsonNode c = Json.mapper().readTree(doctor.out()).path("targets").get(0).path("checks").get(0);
    assertThat(c.path("part").asText()).isEqualTo("C");
    assertThat(c.path("status").asText()).isEqualTo("ok");
    assertThat(c.path("detail").asText()).startsWith(gcc);
  }

  @Test
  void doctorAndSetupSpeakOfTheMuslCxxToolchainWithoutBuildingIt() throws Exception {
    Host host = host();
    StandInHost.tools(dir, List.of("aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++", "aarch64-linux-gnu-ar",
        "aarch64-linux-gnu-ranlib", "aarch64-linux-gnu-strip"));
    CliRunner doctor = run(host, "doctor", "aarch64-linux-musl", "--json");
    JsonNode cxx = Json.mapper().readTree(doctor.out()).path("targets").get(0).path("checks").get(1);
    assertThat(cxx.path("part").asText()).isEqualTo("C++");
    assertThat(cxx.path("status").asText()).isEqualTo("ok");
    assertThat(cxx.path("detail").asText()).startsWith(dir.resolve("bin/aarch64-linux-gnu-g++").toString())
        .contains("libstdc++ for musl that crosskit builds on the first C++ build", "crosskit setup aarch64-linux-musl");

    CliRunner setup = run(host, "setup", "aarch64-linux-musl", "--dry-run");
    assertThat(setup.exitCode()).as(setup.err()).isZero();
    assertThat(setup.out()).contains("Would build libstdc++ for aarch64-linux-musl into crosskit's cache");
    CliRunner cOnly = run(host, "setup", "aarch64-linux-musl", "--dry-run", "--lang", "c");
    assertThat(cOnly.out()).doesNotContain("libstdc++");
    assertThat(dir.resolve("cache")).doesNotExist(); // nothing was made
  }

  @Test
  void aTargetTheHostCannotBuildIsReportedAlikeEverywhere() throws Exception {
    Host host = host(); // no aarch64 cross compiler on this PATH
    CliRunner env = run(host, "env", "aarch64-linux-gnu");
    assertThat(env.exitCode()).isEqualTo(1);
    assertThat(env.err()).contains("no complete toolchain for aarch64-linux-gnu", "aarch64-linux-gnu-gcc");
    CliRunner file = run(host, "toolchain-file", "aarch64-linux-gnu", "--format", "cmake");
    assertThat(file.exitCode()).isEqualTo(1);
    assertThat(file.err()).isEqualTo(env.err());
    CliRunner doctor = run(host, "doctor", "aarch64-linux-gnu");
    assertThat(doctor.exitCode()).isEqualTo(1);
    assertThat(doctor.out()).contains("aarch64-linux-gnu-gcc");
  }
}
