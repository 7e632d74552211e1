package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.HostTools;
import dev.crosskit.base.Json;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * macOS targets from this Linux host for real: Debian's clang 14, ld64.lld and llvm-lipo against a
 * stand-in SDK the test writes ({@link StandInSdk}), through CMake, Meson, Make and Go; the
 * artifacts checked by crosskit's Mach-O reader and by llvm-objdump. Each test has its own cache
 * and its own environment (SDKROOT set or not), so what is installed elsewhere does not matter.
 */
@Tag("integration")
class DarwinIntegrationTest {
  private static final String NO_RUNNER = "Darwin programs cannot run on Linux: there is no macOS emulator";

  @TempDir Path dir;
  Path sdk;

  @BeforeEach
  void sdk() throws IOException {
    for (String tool : List.of("clang", "cmake", "meson", "ninja", "go", "make")) {
      ExternalTools.require(tool, tool.equals("go") ? "golang-go" : tool.equals("ninja") ? "ninja-build" : tool);
    }
    sdk = StandInSdk.write(Files.createDirectories(dir.resolve("sdk")));
  }

  /** A host over its own cache, with {@code environment} as all crosskit reads from the environment. */
  private Host host(String name, Map<String, String> environment) {
    return new Host(dir.resolve(name + "-cache"), dir.resolve("user"), new ProcessRunner(), HostTools.system(),
        new Binfmt(dir.resolve("no-binfmt")), line -> { }, environment);
  }

  private static CliRunner crosskit(Host host, String... args) {
    CliRunner r = CliRunner.run(host, args);
    assertThat(r.err()).doesNotContain("Exception");
    return r;
  }

  private Path project(String name, String toml, String... files) throws IOException {
    Path p = Files.createDirectories(dir.resolve(name));
    Files.writeString(p.resolve("crosskit.toml"), toml);
    for (int i = 0; i < files.length; i += 2) {
      Files.createDirectories(p.resolve(files[i]).getParent());
      Files.writeString(p.resolve(files[i]), files[i + 1]);
    }
    return p;
  }

  private static JsonNode report(Path out) throws IOException {
    return Json.mapper().readTree(out.resolve("report.json").toFile());
  }

  private static String summary(JsonNode target, String step) {
    for (JsonNode s : target.path("steps")) {
      if (s.path("step").asText().equals(step)) {
        return s.path("summary").asText();
      }
    }
    return "";
  }

  private static final String CALC_C = "int add(int a, int b) { return a + b; }\n";
  private static final String MAIN_C = """
      #include <stdio.h>
      #include <string.h>
      int add(int, int);
      int main(int argc, char **argv) {
        printf("%d %d\\n", add(40, 2), (int) strlen(argv[0]));
        return 0;
      }
      """;
  private static final String HELLO_C = """
      #include <stdio.h>
      int main(void) { puts("hello"); return 0; }
      """;

  /**
   * The SDK from a tarball (crosskit sdk add), a CMake project with a dylib and a program that
   * uses it, built and verified for both Darwin targets with their own minimum macOS, then
   * packaged: one archive per target and a universal one whose files hold both slices.
   */
  @Test
  void cmakeProjectForBothDarwinTargetsIsVerifiedAndPackagedUniversal() throws Exception {
    Host host = host("cmake", Map.of());
    Path tarball = StandInSdk.tarball(sdk, dir.resolve("MacOSX14.0.sdk.tar.xz"));
    CliRunner add = crosskit(host, "sdk", "add", tarball.toString());
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).startsWith("added macOS SDK 14.0 (x86_64, arm64)");
    JsonNode list = Json.mapper().readTree(crosskit(host, "sdk", "list", "--json").out());
    assertThat(list).singleElement().satisfies(s -> {
      assertThat(s.path("version").asText()).isEqualTo("14.0");
      assertThat(s.path("usedByBuilds").asBoolean()).isTrue();
    });
    assertThat(crosskit(host, "targets").out().lines().filter(l -> l.startsWith("aarch64-macos ")).findFirst()
        .orElseThrow()).contains("yes (clang-darwin)");
    JsonNode doctor = Json.mapper().readTree(crosskit(host, "doctor", "aarch64-apple-darwin", "--json").out())
        .path("targets");
    assertThat(doctor.get(0).path("checks").get(0).path("status").asText()).isEqualTo("ok");
    assertThat(doctor.get(0).path("checks").get(0).path("detail").asText()).contains("MacOSX14.0.sdk");

    Path project = project("cmake-project", """
        [project]
        name = "calc"
        version = "1.0.0"
        targets = ["x86_64-apple-darwin", "darwin/arm64"]

        [target.aarch64-macos]
        macos = "11.0"

        [target.x86_64-macos]
        macos = "10.15"

        [package]
        universal = true
        """, "CMakeLists.txt", """
        cmake_minimum_required(VERSION 3.13)
        project(calc C)
        add_library(calc SHARED src/calc.c)
        add_executable(calc-cli src/main.c)
        target_link_libraries(calc-cli calc)
        """, "src/calc.c", CALC_C, "src/main.c", MAIN_C);
    Path out = dir.resolve("cmake-out");
    long start = System.nanoTime();
    CliRunner test = crosskit(host, "test", "-C", project.toString(), "--out", out.toString(), "--jobs", "2");
    System.out.printf("Darwin CMake build of 2 targets: %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
    JsonNode report = report(out);
    String[][] expected = {{"x86_64-macos", "10.15", "x86_64"}, {"aarch64-macos", "11.0", "arm64"}};
    for (String[] e : expected) {
      JsonNode t = target(report, e[0]);
      assertThat(status(t, "build")).as(e[0]).isEqualTo("PASSED");
      assertThat(status(t, "verify")).as(e[0] + " " + summary(t, "verify")).isEqualTo("PASSED");
      // the test step says why nothing ran, rather than passing or skipping silently
      assertThat(status(t, "test")).isEqualTo("SKIPPED");
      assertThat(summary(t, "test")).startsWith(NO_RUNNER);
      assertThat(t.path("artifacts")).extracting(a -> Path.of(a.path("path").asText()).getFileName().toString())
          .containsExactlyInAnyOrder("calc-cli", "libcalc.dylib");
      assertThat(t.path("artifacts").get(0).path("identity").asText()).contains("macOS " + e[1] + "+ SDK 14.0");

      Path artifacts = out.resolve(e[0]).resolve("artifacts");
      CliRunner inspect = crosskit(host, "inspect", "--expect", e[0], "--max-macos", e[1], "--macos-sdk", "14.0",
          "--json", artifacts.toString());
      assertThat(inspect.exitCode()).as(inspect.out()).isZero();
      for (JsonNode f : Json.mapper().readTree(inspect.out()).path("files")) {
        JsonNode slice = f.path("facts").path("macho").path("slices").get(0);
        assertThat(slice.path("arch").asText()).isEqualTo(e[2]);
        assertThat(slice.path("minOs").asText()).isEqualTo(e[1]);
        assertThat(slice.path("sdk").asText()).isEqualTo("14.0");
        assertThat(slice.path("codeSignature").asBoolean()).as(f.path("path").asText()).isEqualTo(e[2].equals("arm64"));
      }
      // the oracle: LLVM's own reading of the load commands
      String cli = ExternalTools.ok("llvm-objdump", "--macho", "--private-headers", artifacts.resolve("calc-cli").toString());
      assertThat(cli).containsPattern("minos " + e[1].replace(".", "\\.") + "|version " + e[1].replace(".", "\\."))
          .contains("sdk 14.0", "@rpath/libcalc.dylib", "/usr/lib/libSystem.B.dylib", "path @loader_path");
      assertThat(cli.contains("LC_CODE_SIGNATURE")).as("signed").isEqualTo(e[2].equals("arm64"));
      assertThat(ExternalTools.ok("llvm-objdump", "--macho", "--dylib-id", artifacts.resolve("libcalc.dylib").toString()))
          .contains("@rpath/libcalc.dylib");
    }

    CliRunner pack = crosskit(host, "package", "-C", project.toString(), "--out", out.toString());
    assertThat(pack.exitCode()).as(pack.out() + pack.err()).isZero();
    Path dist = out.resolve("dist");
    assertThat(dist.resolve("calc-1.0.0-darwin-amd64.tar.gz")).isRegularFile();
    assertThat(dist.resolve("calc-1.0.0-darwin-arm64.tar.gz")).isRegularFile();
    Path universal = dist.resolve("calc-1.0.0-darwin-universal.tar.gz");
    assertThat(Files.readString(dist.resolve("SHA256SUMS"))).contains("calc-1.0.0-darwin-universal.tar.gz");
    JsonNode manifest = Json.mapper().readTree(dist.resolve("manifest.json").toFile());
    JsonNode entry = null;
    for (JsonNode f : manifest.path("files")) {
      if (f.path("target").asText().equals("darwin-universal")) {
        entry = f;
      }
    }
    assertThat(entry).as(manifest.toString()).isNotNull();
    assertThat(entry.path("passed").asBoolean()).as(entry.toString()).isTrue();
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    ExternalTools.ok("tar", "-xzf", universal.toString(), "-C", unpacked.toString());
    for (String file : List.of("calc-cli", "libcalc.dylib")) {
      Path merged = unpacked.resolve("calc-1.0.0-darwin-universal").resolve(file);
      String info = ExternalTools.ok(lipo(), "-info", merged.toString());
      assertThat(info).contains("Architectures in the fat file:").contains("x86_64 arm64");
      System.out.println(info.strip());
    }
  }

  /** llvm-lipo as Debian installs it: unversioned in LLVM's directory, versioned on the PATH. */
  private static String lipo() {
    for (String name : List.of("llvm-lipo", "llvm-lipo-14", "llvm-lipo-15", "llvm-lipo-16", "llvm-lipo-19")) {
      if (new HostTools(List.of(Path.of("/usr/bin"))).which(name).isPresent()) {
        return name;
      }
    }
    throw new AssertionError("no llvm-lipo: apt-get install llvm (listed in bin/test-packages.txt)");
  }

  /**
   * SDKROOT (Apple's convention) instead of an added SDK: Meson's cross file, Make with crosskit's
   * environment, an autotools project bootstrapped and configured --host=aarch64-apple-darwin.
   */
  @Test
  void mesonMakeAndAutotoolsBuildWithTheSdkFromSdkroot() throws Exception {
    Host host = host("sdkroot", Map.of("SDKROOT", sdk.toString()));
    Path meson = project("meson-project", """
        [project]
        targets = ["aarch64-apple-darwin"]
        """, "meson.build", """
        project('calc', 'c')
        calc = shared_library('calc', 'calc.c')
        executable('calc-cli', 'main.c', link_with: calc)
        """, "calc.c", CALC_C, "main.c", MAIN_C);
    Path make = project("make-project", """
        [project]
        build = "make"
        targets = ["x86_64-apple-darwin"]
        """, "Makefile", "hello: hello.c\n\t$(CC) $(CFLAGS) -o $@ hello.c $(LDFLAGS)\n", "hello.c", HELLO_C);
    ExternalTools.require("autoreconf", "autoconf");
    Path autotools = project("autotools-project", """
        [project]
        targets = ["aarch64-apple-darwin"]
        """, "configure.ac", """
        AC_INIT([hello], [1.0])
        AM_INIT_AUTOMAKE([foreign])
        AC_PROG_CC
        AC_CONFIG_FILES([Makefile])
        AC_OUTPUT
        """, "Makefile.am", "bin_PROGRAMS = hello\nhello_SOURCES = hello.c\n", "hello.c", HELLO_C);
    for (Path p : List.of(meson, make, autotools)) {
      Path out = dir.resolve(p.getFileName() + "-out");
      CliRunner build = crosskit(host, "build", "-C", p.toString(), "--out", out.toString());
      assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
      JsonNode t = report(out).path("targets").get(0);
      assertThat(status(t, "verify")).as(summary(t, "verify")).isEqualTo("PASSED");
      assertThat(t.path("toolchain").asText()).startsWith("clang-darwin");
      assertThat(t.path("artifacts")).isNotEmpty();
    }
    assertThat(Files.readString(dir.resolve("autotools-project-out/aarch64-macos/logs/configure.log")))
        .contains("./configure ", " --host=aarch64-apple-darwin", "checking whether we are cross compiling... yes");
    assertThat(ExternalTools.ok("llvm-objdump", "--macho", "--private-headers",
        dir.resolve("meson-project-out/aarch64-macos/artifacts/calc-cli").toString()))
        .contains("LC_CODE_SIGNATURE", "minos 11.0", "sdk 14.0", "@rpath/libcalc.dylib");

    // crosskit env: what a hand-written Makefile or ./configure gets
    JsonNode env = Json.mapper().readTree(crosskit(host, "env", "darwin/arm64", "--format", "json").out());
    // clang's target rides on CC too: libtool drops --target from LDFLAGS when it links
    // (crosskit's compile flags all travel with the compiler: CFLAGS stay the project's)
    assertThat(env.path("CC").asText()).startsWith("/usr/bin/clang --target=arm64-apple-macosx")
        .contains("-isysroot " + sdk, "-mmacosx-version-min=11.0");
    assertThat(env.has("CFLAGS")).isFalse();
    assertThat(env.path("lt_cv_prog_gnu_ld").asText()).isEqualTo("no");
    assertThat(env.path("LDFLAGS").asText()).contains("-fuse-ld=lld");
    assertThat(env.path("SDKROOT").asText()).isEqualTo(sdk.toString());
    assertThat(env.path("MACOSX_DEPLOYMENT_TARGET").asText()).isEqualTo("11.0");
    assertThat(env.path("CHOST").asText()).isEqualTo("aarch64-apple-darwin");
    assertThat(env.path("GOOS").asText()).isEqualTo("darwin");
    assertThat(Path.of(env.path("LIPO").asText())).isExecutable();
    assertThat(Path.of(env.path("CMAKE_TOOLCHAIN_FILE").asText())).content().contains("set(CMAKE_SYSTEM_NAME \"Darwin\")");
  }

  /** Pure Go needs no SDK: Go's own linker writes Mach-O and signs arm64 programs. */
  @Test
  void goProgramBuildsForBothDarwinTargetsWithoutAnSdk() throws Exception {
    Host host = host("go", Map.of());
    assertThat(crosskit(host, "sdk", "list").out()).startsWith("No macOS SDKs in the cache");
    Path project = project("go-project", "", "go.mod", "module example.com/hello\n\ngo 1.19\n", "main.go", """
        package main

        import (
        	"fmt"
        	"os"
        )

        func main() { fmt.Println("hello from", len(os.Args)) }
        """);
    Path out = dir.resolve("go-out");
    CliRunner build = crosskit(host, "build", "-C", project.toString(), "--out", out.toString(),
        "--target", "darwin/amd64", "--target", "darwin/arm64");
    assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
    JsonNode report = report(out);
    for (String t : List.of("x86_64-macos", "aarch64-macos")) {
      JsonNode r = target(report, t);
      assertThat(summary(r, "provision")).startsWith("no C toolchain");
      assertThat(status(r, "verify")).as(summary(r, "verify")).isEqualTo("PASSED");
    }
    Path arm64 = out.resolve("aarch64-macos/artifacts/hello");
    assertThat(ExternalTools.ok("llvm-objdump", "--macho", "--private-headers", arm64.toString()))
        .contains("LC_CODE_SIGNATURE", "minos 11.0");
    CliRunner inspect = crosskit(host, "inspect", "--expect", "aarch64-apple-darwin", "--max-macos", "11.0", arm64.toString());
    assertThat(inspect.exitCode()).as(inspect.out()).isZero();
    assertThat(inspect.out()).contains("PASS code-signature", "PASS max-macos");
  }

  /** No SDK anywhere: a C build stops at provision with one line saying how to give crosskit one. */
  @Test
  void withoutAnSdkTheBuildFailsWithOneLineNamingSdkrootAndSdkAdd() throws Exception {
    Host host = host("nosdk", Map.of());
    String expected = "no macOS SDK for aarch64-macos (Apple's licence keeps crosskit from downloading one): set SDKROOT"
        + " to a MacOSX<version>.sdk directory or run 'crosskit sdk add PATH|TARBALL' (see docs/macos.md)";
    Path project = project("nosdk-project", "[project]\ntargets = [\"aarch64-apple-darwin\"]\n", "Makefile",
        "hello: hello.c\n\t$(CC) $(CFLAGS) -o $@ hello.c $(LDFLAGS)\n", "hello.c", HELLO_C);
    Path out = dir.resolve("nosdk-out");
    CliRunner build = crosskit(host, "build", "-C", project.toString(), "--out", out.toString());
    assertThat(build.exitCode()).isEqualTo(1);
    JsonNode t = report(out).path("targets").get(0);
    assertThat(status(t, "provision")).isEqualTo("FAILED");
    assertThat(summary(t, "provision")).isEqualTo(expected);

    CliRunner env = crosskit(host, "env", "aarch64-apple-darwin");
    assertThat(env.exitCode()).isEqualTo(1);
    assertThat(env.err()).isEqualTo("crosskit: " + expected + "\n");
    CliRunner doctor = crosskit(host, "doctor", "aarch64-apple-darwin");
    assertThat(doctor.out()).contains("Apple's macOS SDK", "crosskit sdk add");
    assertThat(crosskit(host, "targets").out().lines().filter(l -> l.startsWith("aarch64-macos ")).findFirst()
        .orElseThrow()).contains("no: SDK");

    CliRunner notAnSdk = crosskit(host("badsdk", Map.of("SDKROOT", dir.toString())), "env", "aarch64-apple-darwin");
    assertThat(notAnSdk.exitCode()).isEqualTo(2);
    assertThat(notAnSdk.err()).isEqualTo("crosskit: SDKROOT=" + dir + " is not a macOS SDK: it has no SDKSettings.json"
        + " (a MacOSX<version>.sdk directory from Xcode has one; see docs/macos.md)\n");
  }

  /**
   * Verify names the cause: a program requiring a newer macOS than [target.X] macos (the user's
   * LDFLAGS override crosskit's -mmacosx-version-min), and an arm64 program linked unsigned.
   */
  @Test
  void verifyFailsANewerMinimumMacosAndAnUnsignedArm64Program() throws Exception {
    Host host = host("negative", Map.of("SDKROOT", sdk.toString()));
    String[][] cases = {
        {"-mmacosx-version-min=12.0", "hello: FAIL max-macos: arm64 slice requires macOS 12.0 (LC_BUILD_VERSION minos),"
            + " newer than 11.0"},
        {"-Wl,-no_adhoc_codesign", "hello: FAIL code-signature: arm64 execute has no code signature (LC_CODE_SIGNATURE)"}};
    int i = 0;
    for (String[] c : cases) {
      Path project = project("negative-" + i, """
          [project]
          build = "make"
          targets = ["aarch64-apple-darwin"]

          [target.aarch64-macos]
          macos = "11.0"

          [target.aarch64-macos.build]
          env = { LDFLAGS = "%s" }
          """.formatted(c[0]), "Makefile", "hello: hello.c\n\t$(CC) $(CFLAGS) -o $@ hello.c $(LDFLAGS)\n",
          "hello.c", HELLO_C);
      Path out = dir.resolve("negative-out-" + i++);
      CliRunner build = crosskit(host, "build", "-C", project.toString(), "--out", out.toString());
      assertThat(build.exitCode()).isEqualTo(1);
      JsonNode t = report(out).path("targets").get(0);
      assertThat(status(t, "build")).isEqualTo("PASSED");
      assertThat(status(t, "verify")).isEqualTo("FAILED");
      assertThat(summary(t, "verify")).startsWith(c[1]);
      Path hello = out.resolve("aarch64-macos/artifacts/hello");
      List<String> args = new ArrayList<>(List.of("inspect", "--expect", "aarch64-apple-darwin", "--max-macos", "11.0",
          hello.toString()));
      CliRunner inspect = crosskit(host, args.toArray(String[]::new));
      assertThat(inspect.exitCode()).isEqualTo(1);
      assertThat(inspect.out()).contains(c[1].substring("hello: ".length()));
    }

    // A signed program changed afterwards carries a stale signature, which macOS rejects as it rejects none.
    Path signed = dir.resolve("negative-out-0/aarch64-macos/artifacts/hello"); // linked with a signature
    byte[] bytes = Files.readAllBytes(signed);
    int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("hello");
    assertThat(at).isPositive();
    bytes[at] = 'j';
    Path tampered = Files.write(dir.resolve("tampered"), bytes);
    CliRunner inspect = crosskit(host, "inspect", tampered.toString());
    assertThat(inspect.exitCode()).isEqualTo(1);
    assertThat(inspect.out()).contains("signature stale", "FAIL code-signature: arm64 execute's code signature does not"
        + " match it (page ", "does not match its hash: the file was changed after it was signed)");
    assertThat(crosskit(host, "inspect", signed.toString()).out())
        .contains("PASS code-signature: arm64 execute carries a code signature that matches its contents");
  }
}
