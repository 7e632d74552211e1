package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static dev.crosskit.cli.MatrixIntegrationTest.tests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.base.CrosskitHome;
import dev.crosskit.base.Versions;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Inspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that use crosskit's sysroots end to end, for real: musl targets through the musl
 * sysroots (the host's gcc cross compilers with crosskit's specs file), and a glibc 2.31 floor
 * with a Debian library through pkg-config. Real Debian packages, cross gcc and QEMU; the
 * sysroots come from ~/.cache/crosskit (made on the first run, which then takes minutes).
 */
@Tag("integration")
class SysrootBuildIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path out;
  @TempDir Path project;

  private JsonNode run(Path dir, String... targets) throws IOException {
    return crosskitTest(dir, out, targets);
  }

  /** {@code crosskit test} of a project for targets into {@code out}; the exit code must agree with report.json. */
  static JsonNode crosskitTest(Path dir, Path out, String... targets) throws IOException {
    List<String> args = new ArrayList<>(List.of("test", "-C", dir.toString(), "--out", out.toString(), "--jobs", "2"));
    for (String t : targets) {
      args.addAll(List.of("--target", t));
    }
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.err()).doesNotContain("Exception");
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(r.exitCode()).as(r.out()).isEqualTo(report.path("targets").findValuesAsText("status").contains("FAILED") ? 1 : 0);
    return report;
  }

  private static void assertAllPassed(JsonNode t, String identity, int passedTests) {
    String name = t.path("target").asText();
    for (String step : List.of("provision", "build", "verify", "canary", "test")) {
      assertThat(status(t, step)).as(name + " " + step + ": " + t).isEqualTo("PASSED");
    }
    assertThat(tests(t, "passed")).as(name).isEqualTo(passedTests);
    assertThat(t.path("artifacts")).as(name).isNotEmpty();
    for (JsonNode a : t.path("artifacts")) {
      assertThat(a.path("identity").asText()).as(name).isEqualTo(identity);
      assertThat(a.path("verified").asBoolean()).as(name).isTrue();
    }
  }

  @Test
  void makeExampleForEveryMuslTargetIsStaticRightArchAndRuns() throws IOException {
    JsonNode report = run(example("c-make"), "x86_64-linux-musl", "aarch64-linux-musl", "armv7-linux-musleabihf",
        "armv6-linux-musleabihf", "riscv64-linux-musl");
    // verify requires "static" for musl by default: no interpreter, no needed libraries
    assertAllPassed(target(report, "x86_64-linux-musl"), "x86_64 ELF 64-bit static", 3);
    assertAllPassed(target(report, "aarch64-linux-musl"), "aarch64 ELF 64-bit static", 3);
    assertAllPassed(target(report, "armv7-linux-musleabihf"), "armv7 ELF 32-bit static hard-float", 3);
    assertAllPassed(target(report, "armv6-linux-musleabihf"), "armv6 ELF 32-bit static hard-float", 3);
    assertAllPassed(target(report, "riscv64-linux-musl"), "riscv64 ELF 64-bit static double-float", 3);
    for (String t : List.of("aarch64-linux-musl", "armv7-linux-musleabihf", "armv6-linux-musleabihf", "riscv64-linux-musl")) {
      assertThat(target(report, t).path("toolchain").asText()).as(t).startsWith("gcc-cross-musl");
      BinaryFacts f = Inspector.inspect(out.resolve(t).resolve("artifacts").resolve("ringbuf"));
      assertThat(f.linkage()).as(t).isEqualTo("static");
      assertThat(f.elf().interpreter()).as(t).isNull();
      assertThat(f.elf().needed()).as(t).isEmpty();
      assertThat(Files.readString(out.resolve(t).resolve("logs/provision.log"))).as(t)
          .contains("sysroot for " + t, "sysroots/" + t + "-bookworm");
    }
    // armv6 really is v6 code, and it ran on QEMU's ARM1176 (the Pi Zero's CPU), which faults on v7
    BinaryFacts v6 = Inspector.inspect(out.resolve("armv6-linux-musleabihf/artifacts/ringbuf"));
    assertThat(v6.elf().arm().cpuArch()).isEqualTo("v6");
    assertThat(Files.readString(out.resolve("armv6-linux-musleabihf/logs/canary.log"))).contains("-cpu arm1176");
  }

  @Test
  void cmakeAndMesonExamplesForEveryMuslTarget() throws IOException {
    // CMake gets the sysroot through the toolchain file (CMAKE_SYSROOT, flags with -specs),
    // Meson through the cross file (c_args, c_link_args, sys_root); ctest and meson test run
    // the tests through QEMU. C only here (cxx = false: c-cmake's C++ test is left out): C++ for
    // musl costs a libstdc++ build per target, which CxxBuildIntegrationTest pays for two of them.
    String[] musl = {"x86_64-linux-musl", "aarch64-linux-musl", "armv7-linux-musleabihf", "armv6-linux-musleabihf",
        "riscv64-linux-musl"};
    String[] identity = {"x86_64 ELF 64-bit static", "aarch64 ELF 64-bit static", "armv7 ELF 32-bit static hard-float",
        "armv6 ELF 32-bit static hard-float", "riscv64 ELF 64-bit static double-float"};
    Path cOnly = copy(example("c-cmake"), project.resolve("c-cmake"));
    Path toml = cOnly.resolve("crosskit.toml");
    Files.writeString(toml, Files.readString(toml).replace("[build]\n", "[build]\ncxx = false\n"));
    JsonNode cmake = run(cOnly, musl);
    for (int i = 0; i < musl.length; i++) {
      assertAllPassed(target(cmake, musl[i]), identity[i], 5);
    }
    assertThat(Files.readString(out.resolve("aarch64-linux-musl/crosskit-toolchain.cmake")))
        .contains("CMAKE_SYSROOT", "aarch64-linux-musl-bookworm", "-specs");
    JsonNode meson = run(example("c-meson"), musl);
    for (int i = 0; i < musl.length; i++) {
      assertAllPassed(target(meson, musl[i]), identity[i], 4);
    }
  }

  /**
   * The Raspberry Pi Zero trap: {@code (double)} of an unsigned long long links a float helper
   * ({@code __aeabi_ul2d}), ARMv7 code in the armhf libgcc. The armv6 sysroot takes it from armel,
   * so the program is v6 and runs on QEMU's ARM1176. When v7 code does get in (here: the project
   * itself asks for {@code -march=armv7-a -mthumb}), verify FAILS naming Tag_CPU_arch v7, and the
   * program dies on the ARM1176 as on the board — a correct failure, not one to make pass.
   */
  @Test
  void armv6FloatHelpersStayV6AndVerifyCatchesV7Code() throws IOException {
    Files.writeString(project.resolve("ul2d.c"), """
        #include <stdio.h>
        #include <stdlib.h>
        int main(int argc, char **argv) {
          unsigned long long n = strtoull(argc > 1 ? argv[1] : "12345678901", 0, 10);
          printf("%.1f\\n", (double)n / 3.0);
          return 0;
        }
        """);
    Files.writeString(project.resolve("Makefile"), """
        ul2d: ul2d.c
        \t$(CC) $(CFLAGS) ul2d.c -o $@ $(LDFLAGS)
        test: ul2d
        \t$(RUNNER) ./ul2d && echo "PASS: ul2d"
        """);
    String toml = """
        [project]
        name = "ul2d"
        build = "make"
        [build]
        artifacts = ["ul2d"]
        """;
    Files.writeString(project.resolve("crosskit.toml"), toml);
    JsonNode good = target(run(project, "armv6-linux-musleabihf"), "armv6-linux-musleabihf");
    assertAllPassed(good, "armv6 ELF 32-bit static hard-float", 1);
    assertThat(Files.readString(out.resolve("armv6-linux-musleabihf/logs/test.log"))).contains("4115226300.3");
    assertThat(Files.readString(out.resolve("armv6-linux-musleabihf/logs/test.log"))).contains("-cpu arm1176");

    Files.writeString(project.resolve("crosskit.toml"), toml + """
        [target.armv6-linux-musleabihf]
        build.cflags = "-march=armv7-a -mthumb"
        """);
    JsonNode v7 = target(run(project, "armv6-linux-musleabihf"), "armv6-linux-musleabihf");
    assertThat(status(v7, "build")).isEqualTo("PASSED");
    assertThat(status(v7, "verify")).isEqualTo("FAILED");
    assertThat(v7.path("artifacts").get(0).path("findings").toString()).contains("Tag_CPU_arch v7", "armv6 CPU cannot run");
    assertThat(status(v7, "test")).isEqualTo("FAILED"); // SIGILL on the ARM1176
  }

  @Test
  void glibcFloorWithZlibThroughPkgConfigBuildsVerifiesAndRuns() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "zround"
        build = "make"
        [build]
        artifacts = ["zround"]
        [target.aarch64-linux-gnu]
        packages = ["zlib1g-dev"]
        glibc = "2.31"
        """);
    Files.writeString(project.resolve("zround.c"), """
        #include <stdio.h>
        #include <string.h>
        #include <zlib.h>
        int main(void) {
          const char *text = "crosskit crosskit crosskit crosskit";
          unsigned char packed[128], back[128];
          uLongf plen = sizeof packed, blen = sizeof back;
          if (compress(packed, &plen, (const unsigned char *)text, strlen(text) + 1) != Z_OK) return 1;
          if (uncompress(back, &blen, packed, plen) != Z_OK || strcmp((char *)back, text) != 0) return 2;
          printf("zlib %s: %lu -> %lu bytes\\n", zlibVersion(), (unsigned long)strlen(text) + 1, (unsigned long)plen);
          return 0;
        }
        """);
    Files.writeString(project.resolve("Makefile"), """
        PKG_CONFIG ?= pkg-config
        zround: zround.c
        \t$(CC) $(CFLAGS) $$($(PKG_CONFIG) --cflags zlib) zround.c -o $@ $(LDFLAGS) $$($(PKG_CONFIG) --libs zlib)
        test: zround
        \t$(RUNNER) ./zround && echo "PASS: roundtrip"
        """);
    JsonNode t = target(run(project, "aarch64-linux-gnu"), "aarch64-linux-gnu");
    assertAllPassed(t, "aarch64 ELF 64-bit dynamic glibc", 1);
    // built against bullseye's glibc and zlib: nothing newer than 2.31 needed (verify checked max-glibc)
    BinaryFacts f = Inspector.inspect(out.resolve("aarch64-linux-gnu/artifacts/zround"));
    assertThat(f.elf().needed()).contains("libz.so.1");
    List<String> glibc = f.elf().newestVersions().stream().filter(n -> n.family().equals("GLIBC"))
        .map(n -> n.version()).toList();
    assertThat(glibc).isNotEmpty().allSatisfy(v -> assertThat(Versions.compare(v, "2.31")).as(v).isLessThanOrEqualTo(0));
    String provision = Files.readString(out.resolve("aarch64-linux-gnu/logs/provision.log"));
    assertThat(provision).contains("glibc floor 2.31", "zlib1g-dev", "aarch64-linux-gnu-bullseye", "no C++");
    String build = Files.readString(out.resolve("aarch64-linux-gnu/logs/build.log"));
    assertThat(build).contains("aarch64-linux-gnu-bullseye/usr/include", "-nostdinc");
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/logs/test.log"))).contains("zlib 1.2.11");
  }

  /**
   * The glibc floor through CMake (CMAKE_SYSROOT in the toolchain file) and Meson (sys_root,
   * the flags in the cross file): the examples need nothing newer than 2.31 — with the host
   * cross compiler's own glibc 2.36 every program would need __libc_start_main@GLIBC_2.34.
   * c-cmake's C++ part builds against bullseye's own libstdc++ (linked statically).
   */
  @Test
  void glibcFloorThroughCmakeAndMeson() throws IOException {
    String floor = "\n[target.aarch64-linux-gnu]\nglibc = \"2.31\"\npackages = [\"zlib1g-dev\"]\n";
    Path cmake = copy(example("c-cmake"), project.resolve("c-cmake"));
    Files.writeString(cmake.resolve("crosskit.toml"), floor, java.nio.file.StandardOpenOption.APPEND);
    JsonNode c = target(run(cmake, "aarch64-linux-gnu"), "aarch64-linux-gnu");
    assertAllPassed(c, "aarch64 ELF 64-bit dynamic glibc", 6);
    assertNeedsAtMostGlibc231(out.resolve("aarch64-linux-gnu/artifacts/ckcalc"));
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/crosskit-toolchain.cmake")))
        .contains("set(CMAKE_SYSROOT \"" + CrosskitHome.dir(), "aarch64-linux-gnu-bullseye\")",
            "CMAKE_CXX_COMPILER \"/usr/bin/aarch64-linux-gnu-g++\"", "-static-libstdc++");

    Path meson = copy(example("c-meson"), project.resolve("c-meson"));
    Files.writeString(meson.resolve("crosskit.toml"), floor, java.nio.file.StandardOpenOption.APPEND);
    JsonNode m = target(run(meson, "aarch64-linux-gnu"), "aarch64-linux-gnu");
    assertAllPassed(m, "aarch64 ELF 64-bit dynamic glibc", 4);
    assertNeedsAtMostGlibc231(out.resolve("aarch64-linux-gnu/artifacts/wordcount"));
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/crosskit-cross.ini")))
        .contains("sys_root = '", "aarch64-linux-gnu-bullseye'", "'-idirafter'");
  }

  private static void assertNeedsAtMostGlibc231(Path artifact) {
    List<String> glibc = Inspector.inspect(artifact).elf().newestVersions().stream()
        .filter(n -> n.family().equals("GLIBC")).map(n -> n.version()).toList();
    assertThat(glibc).as(artifact.toString()).isNotEmpty()
        .allSatisfy(v -> assertThat(Versions.compare(v, "2.31")).as(v).isLessThanOrEqualTo(0));
  }

  /** Copies a directory tree (the bundled examples into a test's own directory). */
  static Path copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    return to;
  }

  @Test
  void aSysrootThatCannotBeMadeFailsProvisionWithOneClearLine() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "nolib"
        build = "make"
        [target.aarch64-linux-gnu]
        packages = ["crosskit-no-such-package"]
        """);
    Files.writeString(project.resolve("Makefile"), "all:\n\ttrue\n");
    JsonNode t = target(run(project, "aarch64-linux-gnu"), "aarch64-linux-gnu");
    assertThat(status(t, "provision")).isEqualTo("FAILED");
    assertThat(status(t, "build")).isEqualTo("absent");
    String summary = t.path("steps").get(0).path("summary").asText();
    assertThat(summary).startsWith("could not make the sysroot for aarch64-linux-gnu with crosskit-no-such-package: ")
        .contains("Unable to locate package crosskit-no-such-package", "aarch64-linux-gnu/logs/provision.log")
        .doesNotContain("\n");
    assertThat(Files.readString(out.resolve("aarch64-linux-gnu/logs/provision.log"))).contains("failed: ");
  }
}
