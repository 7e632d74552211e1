package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static dev.crosskit.cli.MatrixIntegrationTest.tests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Inspector;
import dev.crosskit.inspect.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that use crosskit's sysroots end to end, for real: musl targets through the musl
 * sysroots (the host's gcc cross compilers with crosskit's specs file), and a glibc 2.31 floor
 * with a Debian library through pkg-config. Real Debian packages, cross gcc and QEMU; the
 * sysroots come from ~/.cache/crosskit (made on the first run, which then takes minutes).
 */
class SysrootBuildIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path out;
  @TempDir Path project;

  private JsonNode run(Path dir, String... targets) throws IOException {
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

  /**
   * The Raspberry Pi Zero trap still open in the armv6 musl sysroot: {@code (double)} of an
   * unsigned long long links {@code __aeabi_ul2d} from the armhf libgcc, which is ARMv7 code.
   * verify must FAIL it (Tag_CPU_arch v7), and on the ARM1176 QEMU model the program really dies
   * (SIGILL) — a correct failure, not one to make pass.
   */
  @Test
  void armv6VerifyCatchesV7FloatHelpers() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "ul2d"
        build = "make"
        [build]
        artifacts = ["ul2d"]
        """);
    Files.writeString(project.resolve("ul2d.c"), """
        #include <stdio.h>
        #include <stdlib.h>
        int main(int argc, char **argv) {
          unsigned long long n = strtoull(argc > 1 ? argv[1] : "12345678901", 0, 10);
          printf("%.1f\\n", (double)n);
          return 0;
        }
        """);
    Files.writeString(project.resolve("Makefile"), """
        ul2d: ul2d.c
        \t$(CC) $(CFLAGS) ul2d.c -o $@ $(LDFLAGS)
        test: ul2d
        \t$(RUNNER) ./ul2d && echo "PASS: ul2d"
        """);
    JsonNode t = target(run(project, "armv6-linux-musleabihf"), "armv6-linux-musleabihf");
    assertThat(status(t, "build")).isEqualTo("PASSED");
    assertThat(status(t, "verify")).isEqualTo("FAILED");
    assertThat(t.path("artifacts").get(0).path("findings").toString()).contains("Tag_CPU_arch v7", "armv6");
    assertThat(status(t, "canary")).isEqualTo("PASSED"); // crosskit's own canary avoids the v7 helpers
    assertThat(status(t, "test")).isEqualTo("FAILED"); // SIGILL on the ARM1176
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
}
