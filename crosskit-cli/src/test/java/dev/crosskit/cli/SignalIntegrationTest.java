package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * crosskit stopped as a CI cancel or {@code timeout} stops it: SIGTERM or SIGINT to the real
 * launcher (bin/crosskit) while configure, the build, the tests or {@code crosskit run} has a
 * process tree running — a shell with a background sleep, which the shell's own death would
 * leave behind. Afterwards nothing crosskit started is alive, the exit code is 128 + the signal,
 * the report says which step was interrupted, and the next run does not reuse anything of the
 * interrupted one. Also: a second run in the same output directory is refused, naming the first;
 * a signal during {@code crosskit debug} kills gdb and QEMU, while Ctrl-C at an interactive gdb
 * stops the program and leaves crosskit running.
 */
@Tag("integration")
class SignalIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path LAUNCHER = Path.of("..", "bin", "crosskit").toAbsolutePath().normalize();

  @TempDir Path dir;

  /** An autotools-style project whose configure, build (make) or tests (make check) hang when HANG says so. */
  private Path project() throws IOException {
    Path p = Files.createDirectories(dir.resolve("project"));
    Files.writeString(p.resolve("hang.sh"), """
        # the step's whole tree: this shell and a background sleep, both written down
        sleep 300 &
        echo "$$ $!" >> "$PIDS"
        touch "$READY"
        wait
        """);
    Path configure = Files.writeString(p.resolve("configure"), """
        #!/bin/sh
        if [ "$HANG" = configure ]; then exec sh ./hang.sh; fi
        exit 0
        """);
    Files.setPosixFilePermissions(configure, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(p.resolve("Makefile"), """
        all: hello
        hello: hello.c
        \t@if [ "$(HANG)" = build ]; then sh ./hang.sh; fi
        \t$(CC) $(CFLAGS) hello.c -o hello $(LDFLAGS)
        check: hello
        \t@if [ "$(HANG)" = test ]; then sh ./hang.sh; fi
        \t@./hello && echo "PASS: hello"
        .PHONY: all check
        """);
    Files.writeString(p.resolve("hello.c"), "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
    Files.writeString(p.resolve("crosskit.toml"), config(""));
    return p;
  }

  /** The project's crosskit.toml, with more [test] settings. */
  private static String config(String test) {
    return """
        [project]
        build = "autotools"
        targets = ["x86_64-linux-gnu"]
        [build]
        artifacts = ["hello"]
        [test]
        canary = false
        """ + test;
  }

  private Path out() {
    return dir.resolve("out");
  }

  /** bin/crosskit with the given HANG, SIGINT and SIGTERM at their defaults (a background job ignores SIGINT). */
  private Process start(String hang, String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("perl", "-e",
        "$SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", LAUNCHER.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile());
    Map<String, String> env = pb.environment();
    env.put("HANG", hang);
    env.put("PIDS", dir.resolve("pids").toString());
    env.put("READY", dir.resolve("ready").toString());
    return pb.start();
  }

  private int runToEnd(String hang, String... args) throws Exception {
    Process p = start(hang, args);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("crosskit finished").isTrue();
    return p.exitValue();
  }

  /** Waits for the hanging step, signals crosskit, and checks that it and everything it started is gone. */
  private int interrupt(Process crosskit, String signal) throws Exception {
    Path ready = dir.resolve("ready");
    for (int i = 0; i < 1200 && !Files.exists(ready) && crosskit.isAlive(); i++) {
      Thread.sleep(100);
    }
    assertThat(ready).as("the step started: " + Files.readString(dir.resolve("stderr"))).exists();
    List<ProcessHandle> started = crosskit.toHandle().descendants().toList();
    assertThat(started).as("crosskit's processes").isNotEmpty();
    List<Long> recorded = new ArrayList<>();
    for (String pid : Files.readString(dir.resolve("pids")).trim().split("\\s+")) {
      recorded.add(Long.parseLong(pid));
    }
    new ProcessBuilder("kill", "-" + signal, Long.toString(crosskit.pid())).start().waitFor();
    assertThat(crosskit.waitFor(60, TimeUnit.SECONDS)).as("crosskit ended after SIG" + signal).isTrue();
    for (ProcessHandle h : started) {
      assertThat(gone(h.pid())).as("%s (pid %d) was killed", h.info().command().orElse("?"), h.pid()).isTrue();
    }
    for (long pid : recorded) {
      assertThat(gone(pid)).as("pid %d of the step's tree was killed", pid).isTrue();
    }
    return crosskit.exitValue();
  }

  private static boolean gone(long pid) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private JsonNode step(String name) throws IOException {
    JsonNode target = JSON.readTree(out().resolve("report.json").toFile()).path("targets").get(0);
    for (JsonNode s : target.path("steps")) {
      if (s.path("step").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no step " + name + " in " + target);
  }

  static Stream<Arguments> phases() {
    return Stream.of(Arguments.of("configure", "TERM", "build", 143), Arguments.of("configure", "INT", "build", 130),
        Arguments.of("build", "TERM", "build", 143), Arguments.of("build", "INT", "build", 130),
        Arguments.of("test", "TERM", "test", 143), Arguments.of("test", "INT", "test", 130));
  }

  @ParameterizedTest(name = "SIG{1} during {0}")
  @MethodSource("phases")
  void aSignalKillsEveryProcessAndTheReportSaysWhatWasInterrupted(String phase, String signal, String step,
      int exitCode) throws Exception {
    Path project = project();
    String[] test = {"test", "-C", project.toString(), "--out", out().toString()};
    assertThat(runToEnd("none", test)).as(Files.readString(dir.resolve("stderr"))).isZero();
    assertThat(out().resolve("x86_64-linux-gnu/state.json")).exists();

    List<String> again = new ArrayList<>(List.of(test));
    again.add("--rebuild");
    int code = interrupt(start(phase, again.toArray(String[]::new)), signal);
    assertThat(code).as(Files.readString(dir.resolve("stderr"))).isEqualTo(exitCode);
    assertThat(step(step).path("status").asText()).isEqualTo("INTERRUPTED");
    assertThat(Files.readString(out().resolve("junit.xml"))).contains("<error message=\"interrupted");
    assertThat(Files.readString(dir.resolve("stdout"))).contains("INTERRUPTED");
    assertThat(out().resolve("x86_64-linux-gnu/state.json")).as("no state of the interrupted run").doesNotExist();

    // the inputs are those of the passing run, but nothing of the interrupted one is reused
    Files.delete(dir.resolve("ready"));
    assertThat(runToEnd("none", test)).as(Files.readString(dir.resolve("stderr"))).isZero();
    JsonNode next = JSON.readTree(out().resolve("report.json").toFile()).path("targets").get(0);
    assertThat(next.path("cached").asBoolean()).isFalse();
    assertThat(step("test").path("status").asText()).isEqualTo("PASSED");
  }

  @ParameterizedTest(name = "SIG{0} during crosskit run")
  @MethodSource("runSignals")
  void aSignalDuringRunKillsTheProgramAndItsChildren(String signal, int exitCode) throws Exception {
    Path script = project().resolve("hang.sh");
    int code = interrupt(start("run", "run", "--target", "x86_64-linux-gnu", "--", "/bin/sh", script.toString()),
        signal);
    assertThat(code).isEqualTo(exitCode);
  }

  static Stream<Arguments> runSignals() {
    return Stream.of(Arguments.of("TERM", 143), Arguments.of("INT", 130));
  }

  /** bin/crosskit debug on the bare-metal self-check program spinning in main() ("hang"). */
  private Process debug(boolean ownGroup, String... gdbCommands) throws Exception {
    ExternalTools.require("gdb-multiarch", "gdb-multiarch");
    ExternalTools.require("qemu-system-arm", "qemu-system-arm");
    Path elf = BareMetalIntegrationTest.buildWithEnv(BARE_METAL, dir);
    List<String> args = new ArrayList<>(List.of("debug", "--target", BARE_METAL, "--timeout", "300"));
    for (String c : gdbCommands) {
      args.addAll(List.of("-ex", c));
    }
    args.addAll(List.of("--", elf.toString(), "hang"));
    List<String> argv = new ArrayList<>(List.of("perl", "-e",
        "$SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", LAUNCHER.toString()));
    argv.addAll(args);
    if (ownGroup) {
      argv.add(0, "setsid"); // a process group of its own, as a terminal's foreground job has
    }
    return new ProcessBuilder(argv).redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile()).start();
  }

  private void awaitOutput(Process crosskit, String text) throws Exception {
    for (int i = 0; i < 1200 && crosskit.isAlive() && !Files.readString(dir.resolve("stdout")).contains(text); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(dir.resolve("stdout"))).as(Files.readString(dir.resolve("stderr"))).contains(text);
  }

  private static final String BARE_METAL = "thumbv7em-none-eabihf";

  @ParameterizedTest(name = "SIG{0} during a crosskit debug session")
  @MethodSource("runSignals")
  void aSignalDuringADebugSessionKillsGdbAndTheEmulator(String signal, int exitCode) throws Exception {
    Process crosskit = debug(false, "continue");
    awaitOutput(crosskit, "spinning");
    List<ProcessHandle> started = crosskit.toHandle().descendants().toList();
    assertThat(started).as("gdb and the emulator")
        .anyMatch(h -> h.info().command().orElse("").contains("gdb"))
        .anyMatch(h -> h.info().command().orElse("").contains("qemu"));
    new ProcessBuilder("kill", "-" + signal, Long.toString(crosskit.pid())).start().waitFor();
    assertThat(crosskit.waitFor(60, TimeUnit.SECONDS)).as("crosskit ended after SIG" + signal).isTrue();
    assertThat(crosskit.exitValue()).as(Files.readString(dir.resolve("stderr"))).isEqualTo(exitCode);
    for (ProcessHandle h : started) {
      assertThat(gone(h.pid())).as("%s (pid %d) was killed", h.info().command().orElse("?"), h.pid()).isTrue();
    }
    assertThat(Files.readString(dir.resolve("stderr"))).contains("crosskit: interrupted");
    BareMetalIntegrationTest.assertNothingLeft(dir);
  }

  /**
   * Ctrl-C at an interactive gdb: the terminal sends SIGINT to its foreground process group —
   * crosskit and gdb; the emulator has a session of its own. gdb stops the program, crosskit
   * goes on, and the session ends when gdb does.
   */
  @Test
  void ctrlCInAnInteractiveDebugSessionStopsTheProgramNotCrosskit() throws Exception {
    Process crosskit = debug(true);
    try (var gdb = new java.io.OutputStreamWriter(crosskit.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
      gdb.write("continue\n");
      gdb.flush();
      awaitOutput(crosskit, "spinning");
      List<ProcessHandle> started = crosskit.toHandle().descendants().toList();
      new ProcessBuilder("kill", "-INT", "--", "-" + crosskit.pid()).start().waitFor();
      awaitOutput(crosskit, "SIGINT");
      assertThat(crosskit.isAlive()).as("crosskit ignores the Ctrl-C meant for gdb").isTrue();
      gdb.write("bt\nquit\n");
      gdb.flush();
      assertThat(crosskit.waitFor(60, TimeUnit.SECONDS)).as("the session ended with gdb").isTrue();
      assertThat(crosskit.exitValue()).as(Files.readString(dir.resolve("stderr"))).isZero();
      assertThat(Files.readString(dir.resolve("stdout"))).contains("Program received signal SIGINT")
          .containsPattern("#0 .*main \\(");
      for (ProcessHandle h : started) {
        assertThat(gone(h.pid())).as("%s (pid %d) ended", h.info().command().orElse("?"), h.pid()).isTrue();
      }
    }
    BareMetalIntegrationTest.assertNothingLeft(dir);
  }

  @Test
  void aTestThatLeavesADaemonRunningPassesWithAWarningNamingItAndTheDaemonIsKilled() throws Exception {
    Path project = project();
    Path pid = dir.resolve("daemon.pid");
    Files.writeString(project.resolve("crosskit.toml"), config("""
        command = ["sh", "-c", "sleep 297 & echo $! > %s; sleep 0.5; echo 'PASS: starts-a-daemon'"]
        """.formatted(pid)));
    CliRunner r = CliRunner.run("test", "-C", project.toString(), "--out", out().toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    long daemon = Long.parseLong(Files.readString(pid).trim());
    assertThat(gone(daemon)).as("the daemon %d was killed", daemon).isTrue();
    assertThat(step("test").path("status").asText()).isEqualTo("PASSED");
    assertThat(step("test").path("summary").asText())
        .isEqualTo("1 passed, 0 failed, 0 skipped; warning: left running, killed: sleep (pid " + daemon + ")");
  }

  @Test
  void aSecondRunInTheSameOutputDirectoryIsRefusedNamingTheFirst() throws Exception {
    Path project = project();
    Process first = start("build", "build", "-C", project.toString(), "--out", out().toString());
    try {
      Path ready = dir.resolve("ready");
      for (int i = 0; i < 1200 && !Files.exists(ready) && first.isAlive(); i++) {
        Thread.sleep(100);
      }
      assertThat(ready).exists();
      ProcessBuilder second = new ProcessBuilder(LAUNCHER.toString(), "test", "-C", project.toString(), "--out",
          out().toString()).redirectErrorStream(true);
      second.environment().put("HANG", "none");
      Process p = second.start();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(output).isEqualTo(2);
      assertThat(output).isEqualTo("crosskit: another crosskit run (pid " + first.pid() + ", crosskit build) is using "
          + out() + "; wait for it to finish, or give this run another --out\n");
    } finally {
      first.destroy();
      first.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
