package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crosskit.base.Json;
import dev.crosskit.emulate.GdbPort;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.target.TargetResolver;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * crosskit debug and run --gdb with the real gdb-multiarch against QEMU's gdbstub: user-mode
 * for dynamically linked Linux programs (gdb must find their shared libraries in the sysroot),
 * system-mode for a bare-metal one. Every test ends with no QEMU and no gdb left running.
 */
@Tag("integration")
class DebugIntegrationTest {
  private final ProcessRunner processes = new ProcessRunner();

  @AfterEach
  void resetStdin() {
    RunCommand.stdin = InputStream.nullInputStream();
  }

  /** selfcheck.c built for {@code target}: dynamically linked for Linux, on its board for bare metal. */
  private Path build(String target, Path dir) throws Exception {
    if (TargetResolver.builtIn().target(target).isBareMetal()) {
      return BareMetalIntegrationTest.buildWithEnv(target, dir);
    }
    try (InputStream in = getClass().getResourceAsStream("/baremetal/selfcheck.c")) {
      Files.copy(in, dir.resolve("selfcheck.c"));
    }
    CliRunner env = CliRunner.run("env", target, "--format", "json");
    assertThat(env.exitCode()).as(env.err()).isZero();
    Map<String, String> vars = Json.mapper().readValue(env.out(), new TypeReference<Map<String, String>>() {});
    Path exe = dir.resolve("selfcheck-" + target);
    List<String> cc = new ArrayList<>(BareMetalIntegrationTest.words(vars.get("CC")));
    cc.addAll(BareMetalIntegrationTest.words(vars.get("CFLAGS")));
    cc.addAll(List.of("-g", "-O1", "-o", exe.toString(), dir.resolve("selfcheck.c").toString()));
    cc.addAll(BareMetalIntegrationTest.words(vars.get("LDFLAGS")));
    Result r = processes.capture(Command.of(cc).withTimeout(Duration.ofMinutes(2)));
    assertThat(r.exitCode()).as(r.tail(20)).isZero();
    assertThat(ExternalTools.ok("file", "-b", exe.toString())).contains("dynamically linked");
    return exe;
  }

  @ParameterizedTest
  @ValueSource(strings = {"aarch64-linux-gnu", "armv7-linux-gnueabihf", "thumbv7em-none-eabihf"})
  void batchModeStopsInANamedFunctionAndPrintsTheBacktrace(String target, @TempDir Path dir) throws Exception {
    ExternalTools.require("gdb-multiarch", "gdb-multiarch");
    Path prog = build(target, dir);
    CliRunner r = CliRunner.run("debug", "--target", target, "--timeout", "120",
        "-ex", "break square", "-ex", "continue", "-ex", "bt", "-ex", "info sharedlibrary", "--", prog.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Breakpoint 1, square (x=", "#0  square (x=")
        .containsPattern("#1 .* main \\(");
    String gnu = TargetResolver.builtIn().target(target).gnuTriple();
    if (target.contains("linux")) {
      // set sysroot and the library directories: gdb read the libraries QEMU mapped
      assertThat(r.out()).contains("/usr/" + gnu + "/lib/libc.so.6");
      assertThat(r.out() + r.err()).doesNotContain("Could not load shared library symbols");
    } else {
      assertThat(r.out()).contains("No shared libraries loaded");
    }
    assertThat(r.err()).contains("crosskit: debugging", target);
    BareMetalIntegrationTest.assertNothingLeft(dir);
  }

  @Test
  void interactiveGdbReadsItsCommandsAndTheSessionEndsWithIt(@TempDir Path dir) throws Exception {
    ExternalTools.require("gdb-multiarch", "gdb-multiarch");
    Path prog = build("thumbv6m-none-eabi", dir);
    RunCommand.stdin = new ByteArrayInputStream("break square\ncontinue\nbt\nquit\n".getBytes(StandardCharsets.UTF_8));
    CliRunner r = CliRunner.run("debug", "--target", "thumbv6m-none-eabi", "--timeout", "120", "--", prog.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("(gdb)", "Breakpoint 1, square (x=", "target architecture is set to \"arm\"");
    BareMetalIntegrationTest.assertNothingLeft(dir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"aarch64-linux-gnu", "thumbv7em-none-eabihf"})
  void runWithGdbWaitsForTheDebuggerAndSaysHowToAttach(String target, @TempDir Path dir) throws Exception {
    ExternalTools.require("gdb-multiarch", "gdb-multiarch");
    Path prog = build(target, dir);
    int port = GdbPort.free();
    CompletableFuture<CliRunner> run = CompletableFuture.supplyAsync(() -> CliRunner.run("run", "--target", target,
        "--gdb=" + port, "--timeout", "120", "--", prog.toString()));
    for (int i = 0; i < 200 && !GdbPort.listening(port); i++) {
      Thread.sleep(50);
    }
    assertThat(GdbPort.listening(port)).as("the emulator listens on " + port).isTrue();
    Result gdb = processes.capture(Command.of("gdb-multiarch", "-nx", "-batch", "-ex", "file " + prog,
        "-ex", "target remote 127.0.0.1:" + port, "-ex", "break square", "-ex", "continue", "-ex", "bt", "-ex", "kill")
        .withTimeout(Duration.ofMinutes(2)));
    assertThat(gdb.output()).as(gdb.tail(30)).contains("Breakpoint 1, square (x=");
    CliRunner r = run.get(60, TimeUnit.SECONDS);
    assertThat(r.err()).contains("is stopped before its first instruction, waiting for gdb on port " + port,
        "Attach with:", "gdb-multiarch", "-ex 'file " + prog.toAbsolutePath() + "'", "-ex 'target remote 127.0.0.1:" + port + "'");
    if (target.contains("linux")) {
      assertThat(r.err()).contains("set sysroot /usr/aarch64-linux-gnu");
    }
    BareMetalIntegrationTest.assertNothingLeft(dir);
  }

  @Test
  void aSessionPastItsTimeoutKillsGdbAndTheEmulator(@TempDir Path dir) throws Exception {
    ExternalTools.require("gdb-multiarch", "gdb-multiarch");
    Path prog = build("riscv64-none-elf", dir);
    long start = System.nanoTime();
    CliRunner r = CliRunner.run("debug", "--target", "riscv64-none-elf", "--timeout", "4", "-ex", "continue", "--",
        prog.toString(), "hang");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
    assertThat(r.exitCode()).isEqualTo(RunCommand.TIMED_OUT);
    assertThat(r.err()).contains("did not end within 4s", "killed gdb, the emulator");
    BareMetalIntegrationTest.assertNothingLeft(dir);
  }

  @Test
  void badRequestsAreOneLineErrors(@TempDir Path dir) throws Exception {
    CliRunner nativeTarget = CliRunner.run("debug", "--target", "x86_64-linux-gnu", "-ex", "bt", "--", "/bin/true");
    assertThat(nativeTarget.exitCode()).isEqualTo(2);
    assertThat(nativeTarget.err().strip()).startsWith("crosskit: crosskit debug needs QEMU").doesNotContain("Exception");
    Path prog = build("thumbv7em-none-eabihf", dir);
    try (ServerSocket busy = new ServerSocket(0)) {
      CliRunner inUse = CliRunner.run("debug", "--target", "thumbv7em-none-eabihf", "--port",
          String.valueOf(busy.getLocalPort()), "-ex", "bt", "--", prog.toString());
      assertThat(inUse.exitCode()).isEqualTo(2);
      assertThat(inUse.err()).contains("port " + busy.getLocalPort() + " is in use");
    }
    CliRunner wrongTarget = CliRunner.run("debug", "--target", "riscv64-none-elf", "-ex", "bt", "--", prog.toString());
    assertThat(wrongTarget.exitCode()).isEqualTo(2);
    assertThat(wrongTarget.err()).contains("is an ELF program for arm", "not for riscv64-none-elf");
    CliRunner gdbOnNative = CliRunner.run("run", "--target", "x86_64-linux-gnu", "--gdb", "--", "/bin/true");
    assertThat(gdbOnNative.exitCode()).isEqualTo(2);
    assertThat(gdbOnNative.err()).contains("--gdb needs QEMU");
  }
}
