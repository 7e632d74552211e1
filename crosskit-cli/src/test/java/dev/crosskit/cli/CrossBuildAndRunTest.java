package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crosskit.base.Json;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the real Debian cross toolchains, QEMU and Wine: a C program using threads, TLS and
 * atomics is built with the flags from {@code crosskit env} and through a generated CMake
 * toolchain file (ctest runs it through the emulator), then run with {@code crosskit run}.
 * The glibc builds are dynamically linked and threaded: they prove the emulator command avoids
 * the ld.so trap (a hang would end at the --timeout and fail the test).
 */
@Tag("integration")
class CrossBuildAndRunTest {
  private static final String EXPECTED = "threads=4 total=80000 tls=ok main-tls=0";
  private final ProcessRunner processes = new ProcessRunner();

  static CliRunner crosskit(String... args) {
    return CliRunner.run(args);
  }

  @AfterEach
  void resetStdin() {
    RunCommand.stdin = InputStream.nullInputStream();
  }

  private static Path source(Path dir) throws Exception {
    // One copy of the C program serves both modules' tests (tests run in the module directory).
    Files.copy(Path.of("..", "crosskit-core", "src", "test", "resources", "tlsdemo.c"), dir.resolve("tlsdemo.c"));
    for (String f : List.of("CMakeLists.txt", "meson.build")) {
      try (InputStream in = CrossBuildAndRunTest.class.getResourceAsStream("/tlsdemo/" + f)) {
        Files.copy(in, dir.resolve(f));
      }
    }
    return dir;
  }

  private Result must(Command c, String what) {
    Result r = processes.capture(c.withTimeout(Duration.ofMinutes(3)));
    assertThat(r.exitCode()).as(what + " failed (exit " + r.exitCode() + "); is it installed? See bin/test-packages.txt\n"
        + c.display() + "\n" + r.tail(40)).isZero();
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"x86_64-linux-musl", "aarch64-linux-gnu", "armv7-linux-gnueabihf", "riscv64-linux-gnu",
      "x86_64-windows-gnu"})
  void buildsWithEnvAndCmakeThenRunsUnderTheRightRunner(String name, @TempDir Path work) throws Exception {
    Target target = TargetResolver.builtIn().target(name);
    Path src = source(Files.createDirectories(work.resolve("src")));

    // 1. Flags from `crosskit env --format json`.
    CliRunner env = crosskit("env", name, "--format", "json");
    assertThat(env.exitCode()).as(env.err()).isZero();
    Map<String, String> vars = Json.mapper().readValue(env.out(), new TypeReference<Map<String, String>>() {});
    List<String> cc = new ArrayList<>(words(vars.get("CC"))); // the compiler with crosskit's flags
    cc.addAll(words(vars.get("CFLAGS")));
    Path exe = work.resolve("tlsdemo" + target.executableSuffix());
    cc.addAll(List.of("-O2", "-pthread", "-o", exe.toString(), src.resolve("tlsdemo.c").toString()));
    cc.addAll(words(vars.get("LDFLAGS")));
    must(Command.of(cc), "compiling with " + vars.get("CC"));
    assertBuiltFor(target, exe);

    // 2. `crosskit run` forwards stdout and the exit code...
    CliRunner run = crosskit("run", "--target", name, "--timeout", "120", "--", exe.toString(), "exit", "7");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(7);
    assertThat(run.out().strip()).isEqualTo(EXPECTED);
    // ...and stdin.
    RunCommand.stdin = new ByteArrayInputStream("cross stdin\n".getBytes(StandardCharsets.UTF_8));
    CliRunner cat = crosskit("run", "--target", name, "--timeout", "120", "--", exe.toString(), "cat");
    assertThat(cat.exitCode()).as(cat.err()).isZero();
    assertThat(cat.out().replace("\r\n", "\n")).isEqualTo("CROSS STDIN\n");

    // 3. The same program through a generated CMake toolchain file; ctest runs it through the emulator.
    Path toolchainFile = work.resolve(name + ".cmake");
    CliRunner tf = crosskit("toolchain-file", name, "--format", "cmake", "-o", toolchainFile.toString());
    assertThat(tf.exitCode()).as(tf.err()).isZero();
    Path build = work.resolve("build");
    must(Command.of("cmake", "-S", src.toString(), "-B", build.toString(), "-G", "Ninja",
        "-DCMAKE_TOOLCHAIN_FILE=" + toolchainFile, "-DCMAKE_BUILD_TYPE=Release"), "cmake configure");
    must(Command.of("cmake", "--build", build.toString()), "cmake build");
    assertBuiltFor(target, build.resolve("tlsdemo" + target.executableSuffix()));
    Result ctest = must(Command.of("ctest", "--test-dir", build.toString(), "--output-on-failure"), "ctest");
    assertThat(ctest.output()).contains("100% tests passed");
    String testFile = Files.readString(build.resolve("CTestTestfile.cmake"));
    switch (name) {
      case "x86_64-linux-musl" -> assertThat(testFile).doesNotContain("qemu", "wine");
      case "x86_64-windows-gnu" -> assertThat(testFile).contains("/usr/lib/wine/wine64", "WINEPATH=");
      default -> assertThat(testFile).contains("qemu-" + target.fields().get("qemu") + "-static",
          "LD_LIBRARY_PATH=/usr/" + target.gnuTriple() + "/lib");
    }
  }

  /** The binary is really for the target: ELF machine (and linkage) or a PE image. */
  private void assertBuiltFor(Target target, Path exe) throws Exception {
    byte[] head = Arrays.copyOf(Files.readAllBytes(exe), 64);
    if (target.isWindows()) {
      assertThat(new String(head, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("MZ");
      return;
    }
    assertThat(Arrays.copyOf(head, 4)).containsExactly(0x7f, 'E', 'L', 'F');
    int machine = (head[18] & 0xff) | (head[19] & 0xff) << 8;
    assertThat(machine).isEqualTo(Integer.parseInt(target.fields().get("elfMachine")));
    String file = must(Command.of("file", "-b", exe.toString()), "file").output();
    if (target.isMusl()) {
      assertThat(file).contains("statically linked");
    } else {
      // the case that falls into the ld.so trap when QEMU gets -L without -E LD_LIBRARY_PATH
      assertThat(file).contains("dynamically linked");
    }
  }

  @Test
  void mesonCrossFileBuildsAndMesonTestRunsThroughTheExeWrapper(@TempDir Path work) throws Exception {
    Path src = source(Files.createDirectories(work.resolve("src")));
    Path cross = work.resolve("armhf.ini");
    CliRunner tf = crosskit("toolchain-file", "armv7-linux-gnueabihf", "--format", "meson", "-o", cross.toString());
    assertThat(tf.exitCode()).as(tf.err()).isZero();
    Path build = work.resolve("build");
    must(Command.of("meson", "setup", "--cross-file", cross.toString(), build.toString(), src.toString()), "meson setup");
    Result test = must(Command.of("meson", "test", "-C", build.toString(), "--print-errorlogs"), "meson test");
    assertThat(test.output()).containsPattern("Ok:\\s+1").containsPattern("Fail:\\s+0");
    assertBuiltFor(TargetResolver.builtIn().target("armv7-linux-gnueabihf"), build.resolve("tlsdemo"));
  }

  @Test
  void timeoutKillsTheProgramAndItsChildrenAndExits124() throws Exception {
    long start = System.nanoTime();
    CliRunner r = crosskit("run", "--target", "x86_64-linux-gnu", "--timeout", "1", "--",
        "sh", "-c", "sleep 300 & echo $!; wait");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(r.exitCode()).isEqualTo(124);
    assertThat(r.err()).contains("did not finish within 1s", "killed it and all its child processes");
    long child = Long.parseLong(r.out().strip());
    boolean gone = false;
    for (int i = 0; i < 50 && !gone; i++) {
      gone = ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true);
      Thread.sleep(100);
    }
    assertThat(gone).as("grandchild %d killed", child).isTrue();
  }

  @Test
  void badInputIsOneLineAndExit2() {
    CliRunner unknown = crosskit("run", "--target", "nosuch-arch", "--", "true");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("crosskit: unknown target 'nosuch-arch'").doesNotContain("Exception");
    CliRunner missing = crosskit("run", "--target", "aarch64-linux-gnu", "--", "/nonexistent/prog");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("crosskit: no such program: /nonexistent/prog");
    CliRunner wrongArch = crosskit("run", "--target", "aarch64-linux-gnu", "--", "/bin/true");
    assertThat(wrongArch.exitCode()).isEqualTo(2);
    assertThat(wrongArch.err()).contains("/bin/true is an ELF program for x86_64", "not for aarch64-linux-gnu");
    CliRunner format = crosskit("toolchain-file", "aarch64-linux-gnu", "--format", "bazel");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err().strip()).isEqualTo("crosskit: Invalid value for option '--format': 'bazel' is not one of"
        + " cmake, meson, cargo");
  }

  @Test
  void doctorJsonAndTargetsColumns() throws Exception {
    CliRunner doctor = crosskit("doctor", "aarch64-linux-gnu", "aarch64-linux-musl", "--json");
    Map<String, List<Map<String, Object>>> json = Json.mapper().readValue(doctor.out(), new TypeReference<>() {});
    List<Map<String, Object>> report = json.get("targets");
    assertThat(report).extracting(m -> m.get("target")).containsExactly("aarch64-linux-gnu", "aarch64-linux-musl");
    assertThat(json.get("buildTools")).extracting(m -> m.get("tool"))
        .contains("make", "cmake", "ninja", "meson", "pkg-config", "autoconf", "automake", "libtool", "go", "cargo");
    // the musl sysroot is made by the first build: available, not a gap, and doctor downloads nothing
    assertThat(doctor.out()).contains("available via sysroot (downloaded on first build)")
        .doesNotContain("crosskit sysroot add aarch64-linux-musl");
    assertThat(doctor.exitCode()).isEqualTo(0);
    CliRunner targets = crosskit("targets");
    assertThat(targets.out()).contains("BUILD HERE", "TEST HERE");
    assertThat(targets.out().lines().filter(l -> l.startsWith("aarch64-linux-gnu ")).findFirst().orElseThrow())
        .contains("yes (gcc-cross)", "qemu-aarch64-static");
    assertThat(targets.out().lines().filter(l -> l.startsWith("x86_64-windows-gnu ")).findFirst().orElseThrow())
        .contains("yes (mingw)", "wine");
    assertThat(targets.out().lines().filter(l -> l.startsWith("aarch64-linux-musl ")).findFirst().orElseThrow())
        .contains("yes (gcc-cross-musl, sysroot on first build)", "qemu-aarch64-static");
    assertThat(targets.out()).contains("glibc floors", "2.36 (bookworm)", "2.31 (bullseye)");
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
  }
}
