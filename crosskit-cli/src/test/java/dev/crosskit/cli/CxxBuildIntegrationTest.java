package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static dev.crosskit.cli.MatrixIntegrationTest.tests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.Json;
import dev.crosskit.base.Versions;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Inspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C++ end to end: examples/cxx-cmake (a C++17 static library and program: threads, std::regex,
 * exceptions across the library boundary, iostreams, std::filesystem; CMake + ctest, and the
 * same sources through Meson) for x86_64 and aarch64 musl, fully static with crosskit's
 * libstdc++ for musl, and for aarch64 glibc with a 2.31 floor (bullseye's libstdc++, linked
 * statically); the canary's C++ part on each. Then env and toolchain-file hand the same C++
 * compiler to a build of one's own. The other musl targets (armv7, armv6, riscv64) are in
 * bench/cxx-musl.sh: each costs a libstdc++ build of its own.
 */
@Tag("integration")
class CxxBuildIntegrationTest {
  private static final String[] TESTS = {"parse", "errors", "registry", "threads", "files", "streams", "cli_totals",
      "cli_error"};
  @TempDir Path out;
  @TempDir Path work;

  private JsonNode run(Path dir, String... targets) throws IOException {
    return SysrootBuildIntegrationTest.crosskitTest(dir, out, targets);
  }

  private void assertPassed(JsonNode report, String name, String identity) throws IOException {
    JsonNode t = target(report, name);
    for (String step : List.of("provision", "build", "verify", "canary", "test")) {
      assertThat(status(t, step)).as(name + " " + step + ": " + t).isEqualTo("PASSED");
    }
    assertThat(tests(t, "passed")).as(name + ": " + t.path("tests")).isEqualTo(TESTS.length);
    List<String> names = new ArrayList<>();
    t.path("tests").forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).as(name).containsExactlyInAnyOrder(TESTS);
    assertThat(t.path("artifacts")).as(name).hasSize(1);
    assertThat(t.path("artifacts").get(0).path("identity").asText()).as(name).isEqualTo(identity);
    // the canary's C++ half ran: static constructors, exceptions, RTTI, std::thread
    assertThat(Files.readString(out.resolve(name).resolve("logs/canary.log"))).as(name)
        .contains("ok   C++ static constructors", "ok   C++ exceptions", "ok   C++ RTTI", "ok   C++ std::thread",
            "canary: passed");
  }

  @Test
  void cmakeExampleForX86AndAarch64MuslAndAGlibc231Floor() throws IOException {
    JsonNode report = run(example("cxx-cmake"), "x86_64-linux-musl", "aarch64-linux-musl", "aarch64-linux-gnu");
    assertPassed(report, "x86_64-linux-musl", "x86_64 ELF 64-bit static");
    assertPassed(report, "aarch64-linux-musl", "aarch64 ELF 64-bit static");
    for (String musl : List.of("x86_64-linux-musl", "aarch64-linux-musl")) {
      BinaryFacts f = Inspector.inspect(out.resolve(musl).resolve("artifacts/ledger"));
      assertThat(f.linkage()).as(musl).isEqualTo("static");
      assertThat(f.elf().interpreter()).as(musl).isNull();
      assertThat(f.elf().needed()).as(musl).isEmpty();
      assertThat(Files.readString(out.resolve(musl).resolve("logs/provision.log"))).as(musl)
          .contains("C++: /usr/bin/" + (musl.startsWith("x86_64") ? "x86_64" : "aarch64") + "-linux-gnu-g++");
      assertThat(Files.readString(out.resolve(musl).resolve("crosskit-toolchain.cmake"))).as(musl)
          .contains("CMAKE_CXX_COMPILER \"/usr/bin/", "-linux-gnu-g++\"", "cxx/" + musl + "/musl-g++.specs");
    }

    // glibc 2.31: bullseye's libc and libstdc++ (static), nothing newer than GLIBC_2.31 needed,
    // no libstdc++.so on the target; verify checked max-glibc = 2.31 as well.
    assertPassed(report, "aarch64-linux-gnu", "aarch64 ELF 64-bit dynamic glibc");
    BinaryFacts floor = Inspector.inspect(out.resolve("aarch64-linux-gnu/artifacts/ledger"));
    List<String> glibc = floor.elf().newestVersions().stream().filter(n -> n.family().equals("GLIBC"))
        .map(n -> n.version()).toList();
    assertThat(glibc).isNotEmpty().allSatisfy(v -> assertThat(Versions.compare(v, "2.31")).as(v).isLessThanOrEqualTo(0));
    assertThat(floor.elf().newestVersions()).noneMatch(n -> n.family().equals("GLIBCXX"));
    assertThat(floor.elf().needed()).doesNotContain("libstdc++.so.6");
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/logs/provision.log")))
        .contains("glibc floor 2.31", "libstdc++-10-dev", "C++: /usr/bin/aarch64-linux-gnu-g++");
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/crosskit-toolchain.cmake")))
        .contains("CMAKE_CXX_COMPILER \"/usr/bin/aarch64-linux-gnu-g++\"", "aarch64-linux-gnu-bullseye/crosskit-g++.specs",
            "-static-libstdc++ -pthread");
  }

  @Test
  void theSameSourcesThroughMeson() throws IOException {
    Path meson = SysrootBuildIntegrationTest.copy(example("cxx-cmake"), work.resolve("cxx-meson"));
    Path toml = meson.resolve("crosskit.toml");
    Files.writeString(toml, Files.readString(toml).replace("build = \"cmake\"", "build = \"meson\""));
    JsonNode report = run(meson, "x86_64-linux-musl", "aarch64-linux-gnu");
    assertPassed(report, "x86_64-linux-musl", "x86_64 ELF 64-bit static");
    assertPassed(report, "aarch64-linux-gnu", "aarch64 ELF 64-bit dynamic glibc");
    // x86_64 runs natively: Meson gets CXX and CXXFLAGS from the environment, aarch64 a cross file
    // (with the compile cache, when there is one, in front of the compiler)
    assertThat(Files.readString(out.resolve("x86_64-linux-musl/logs/configure.log")))
        .containsPattern("C\\+\\+ compiler for the host machine: (/usr/bin/ccache )?/usr/bin/x86_64-linux-gnu-g\\+\\+ ");
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/crosskit-cross.ini")))
        .containsPattern("cpp = (\\['/usr/bin/ccache', )?'/usr/bin/aarch64-linux-gnu-g\\+\\+'")
        .contains("crosskit-g++.specs", "'-static-libstdc++'");
    assertThat(Files.readString(out.resolve("x86_64-linux-musl/logs/test.log"))).contains("Ok:", "cli_error");
  }

  /** crosskit env gives the musl C++ compiler to a build of one's own; the result is static and runs under QEMU. */
  @Test
  void envHandsOutTheMuslCxxCompiler() throws IOException {
    CliRunner env = CliRunner.run("env", "aarch64-linux-musl", "--format", "json");
    assertThat(env.exitCode()).as(env.err()).isZero();
    Map<String, String> vars = Json.mapper().readValue(env.out(), new TypeReference<Map<String, String>>() {});
    // crosskit's compile flags travel with the compiler, so a project's own CXXFLAGS stay its own
    assertThat(vars.get("CXX")).startsWith("/usr/bin/aarch64-linux-gnu-g++ ").contains("musl-g++.specs");
    assertThat(vars).doesNotContainKey("CXXFLAGS");
    Path src = example("cxx-cmake");
    Path exe = work.resolve("ledger");
    List<String> cxx = new ArrayList<>(Arrays.asList(vars.get("CXX").split(" ")));
    cxx.addAll(List.of("-std=c++17", "-O2", "-I" + src.resolve("include"), src.resolve("src/ledger.cpp").toString(),
        src.resolve("src/main.cpp").toString(), "-o", exe.toString(), "-pthread"));
    cxx.addAll(Arrays.asList(vars.get("LDFLAGS").split(" ")));
    ProcessRunner processes = new ProcessRunner();
    Result built = processes.capture(Command.of(cxx).withTimeout(Duration.ofMinutes(5)));
    assertThat(built.ok()).as(built.tail(30)).isTrue();
    assertThat(Inspector.inspect(exe).linkage()).isEqualTo("static");
    Result ran = processes.capture(Command.of("qemu-aarch64-static", exe.toString(), "2024-01-01 rent -700.00 CHF",
        "2024-01-02 x y").withTimeout(Duration.ofMinutes(2)));
    assertThat(ran.exitCode()).isEqualTo(2); // the second line is no ledger line: an exception from the library
    assertThat(ran.error()).contains("ledger: cannot parse line 2 of argument");

    CliRunner doctor = CliRunner.run("doctor", "aarch64-linux-musl");
    assertThat(doctor.out()).contains("aarch64-linux-gnu-g++ with crosskit's libstdc++");
  }
}
