package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.Json;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bare metal for real: the GNU bare-metal cross compilers with picolibc, QEMU system-mode on the
 * three default boards (mps2-an386 Cortex-M4F, microbit Cortex-M0, RISC-V virt) and on boards a
 * project picks, with semihosting carrying output, arguments and exit status.
 */
@Tag("integration")
class BareMetalIntegrationTest {
  static final List<String> TARGETS = List.of("thumbv7em-none-eabihf", "thumbv6m-none-eabi", "riscv64-none-elf");
  private final ProcessRunner processes = new ProcessRunner();

  /** The self-checking program, built with {@code $CC $CFLAGS -o prog.elf prog.c $LDFLAGS} from crosskit env. */
  static Path buildWithEnv(String target, Path dir, String... extraCflags) throws Exception {
    Path src = dir.resolve("selfcheck.c");
    if (!Files.exists(src)) {
      try (InputStream in = BareMetalIntegrationTest.class.getResourceAsStream("/baremetal/selfcheck.c")) {
        Files.copy(in, src);
      }
    }
    CliRunner env = CliRunner.run("env", target, "--format", "json");
    assertThat(env.exitCode()).as(env.err()).isZero();
    Map<String, String> vars = Json.mapper().readValue(env.out(), new TypeReference<Map<String, String>>() {});
    Path elf = dir.resolve("selfcheck-" + target + ".elf");
    List<String> cc = new ArrayList<>(words(vars.get("CC"))); // the compiler with crosskit's flags
    cc.addAll(words(vars.get("CFLAGS")));
    cc.addAll(List.of(extraCflags));
    cc.addAll(List.of("-g", "-O1", "-o", elf.toString(), src.toString()));
    cc.addAll(words(vars.get("LDFLAGS")));
    Result r = new ProcessRunner().capture(Command.of(cc).withTimeout(Duration.ofMinutes(2)));
    assertThat(r.exitCode()).as("compiling for %s (apt-get install the packages in bin/test-packages.txt)\n%s",
        target, r.tail(30)).isZero();
    return elf;
  }

  static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"thumbv7em-none-eabihf", "thumbv6m-none-eabi", "riscv64-none-elf"})
  void aProgramBuiltFromCrosskitEnvRunsOnItsBoard(String target, @TempDir Path dir) throws Exception {
    Path elf = buildWithEnv(target, dir);

    CliRunner inspect = CliRunner.run("inspect", "--expect", target, elf.toString());
    assertThat(inspect.exitCode()).as(inspect.out()).isZero();
    assertThat(inspect.out()).contains("PASS no-interpreter", "PASS no-dynamic", "PASS memory: every segment inside")
        .containsAnyOf("PASS vector-table", "PASS entry");

    CliRunner ok = CliRunner.run("run", "--target", target, "--timeout", "60", "--", elf.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("ok   square", "ok   double arithmetic", "selfcheck: 5/5 checks passed");

    CliRunner failing = CliRunner.run("run", "--target", target, "--timeout", "60", "--", elf.toString(), "fail");
    assertThat(failing.exitCode()).as(failing.err()).isEqualTo(3);
    assertThat(failing.out()).contains("FAIL the check 'fail' asks to fail", "selfcheck: 4/5 checks passed");

    long start = System.nanoTime();
    CliRunner hanging = CliRunner.run("run", "--target", target, "--timeout", "3", "--", elf.toString(), "hang");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(hanging.exitCode()).isEqualTo(RunCommand.TIMED_OUT);
    assertThat(hanging.out()).contains("spinning");
    assertThat(hanging.err()).contains("did not finish within 3s", "killed it");
    assertNothingLeft(dir);
  }

  @Test
  void theCmakeExampleRunsItsTestsUnderCtestOnAllThreeBoards(@TempDir Path out) throws Exception {
    JsonNode report = test(MatrixIntegrationTest.example("c-baremetal"), out, TARGETS);
    for (String target : TARGETS) {
      JsonNode t = MatrixIntegrationTest.target(report, target);
      for (String step : List.of("build", "verify", "canary", "test")) {
        assertThat(MatrixIntegrationTest.status(t, step)).as(target + " " + step).isEqualTo("PASSED");
      }
      assertThat(MatrixIntegrationTest.tests(t, "passed")).as(target).isEqualTo(3);
      assertThat(t.path("runner").asText()).isEqualTo("qemu-system");
      assertThat(t.path("artifacts").get(0).path("identity").asText()).contains("bare-metal");
      // ctest ran the tests through QEMU system-mode on the target's board
      String ctest = Files.readString(out.resolve(target).resolve("build").resolve("CTestTestfile.cmake"));
      assertThat(ctest).contains("semihost-run", "qemu-system-");
    }
    assertThat(Files.readString(out.resolve("thumbv6m-none-eabi/build/CTestTestfile.cmake"))).contains("\"-M\" \"microbit\"");
  }

  @Test
  void aProjectPicksItsBoardsMovesRamAndBringsItsOwnLinkerScript(@TempDir Path work) throws Exception {
    Path project = SysrootBuildIntegrationTest.copy(MatrixIntegrationTest.example("c-baremetal"), work.resolve("project"));
    Files.createDirectories(project.resolve("link"));
    // picolibc's script (found on the -L path picolibc.specs gives) plus a symbol that shows this one was used
    Files.writeString(project.resolve("link/app.ld"), "ckcrc_project_script = 0x5eed;\nINCLUDE picolibc.ld\n");
    Files.writeString(project.resolve("crosskit.toml"), Files.readString(project.resolve("crosskit.toml")) + """

        [target.thumbv7em-none-eabihf.board]
        name = "netduinoplus2"
        linker-script = "link/app.ld"

        [target.riscv64-none-elf.board]
        name = "spike"
        ram = { origin = 0x80200000, size = "1M" }
        """);
    Path out = work.resolve("out");
    JsonNode report = test(project, out, List.of("thumbv7em-none-eabihf", "riscv64-none-elf"));
    for (String target : List.of("thumbv7em-none-eabihf", "riscv64-none-elf")) {
      JsonNode t = MatrixIntegrationTest.target(report, target);
      assertThat(MatrixIntegrationTest.status(t, "verify")).as(target).isEqualTo("PASSED");
      assertThat(MatrixIntegrationTest.status(t, "test")).as(target).isEqualTo("PASSED");
      assertThat(MatrixIntegrationTest.tests(t, "passed")).as(target).isEqualTo(3);
    }
    Path m4 = out.resolve("thumbv7em-none-eabihf/artifacts/ckcrc");
    assertThat(ExternalTools.ok("arm-none-eabi-nm", m4.toString())).contains("ckcrc_project_script");
    assertThat(Files.readString(out.resolve("thumbv7em-none-eabihf/logs/provision.log")))
        .contains("board: netduinoplus2, flash 0x08000000+1M, ram 0x20000000+128K", "link/app.ld");
    assertThat(Files.readString(out.resolve("riscv64-none-elf/build/CTestTestfile.cmake"))).contains("\"-M\" \"spike\"");
    // linked for netduinoplus2's flash, it is not a program for the default board
    CliRunner wrongBoard = CliRunner.run("inspect", "--expect", "thumbv7em-none-eabihf", m4.toString());
    assertThat(wrongBoard.exitCode()).isEqualTo(1);
    assertThat(wrongBoard.out()).contains("FAIL memory", "outside mps2-an386's flash", "FAIL vector-table");
    CliRunner rightBoard = CliRunner.run("inspect", "--expect", "thumbv7em-none-eabihf", "--board", "netduinoplus2",
        m4.toString());
    assertThat(rightBoard.exitCode()).as(rightBoard.out()).isZero();
    // the RISC-V program's data and stack moved with the RAM
    assertThat(ExternalTools.ok("riscv64-unknown-elf-readelf", "-lW", out.resolve("riscv64-none-elf/artifacts/ckcrc")
        .toString())).contains("0x00000000802");
  }

  @Test
  void aMakeProjectRunsItsTestsThroughRunner(@TempDir Path work) throws Exception {
    Path project = selfcheckProject(work, "make", "Makefile", """
        all: selfcheck
        selfcheck: selfcheck.o
        test: selfcheck
        \t$(RUNNER) ./selfcheck
        \t! $(RUNNER) ./selfcheck fail
        """);
    JsonNode report = test(project, work.resolve("out"), List.of("thumbv6m-none-eabi"));
    JsonNode t = MatrixIntegrationTest.target(report, "thumbv6m-none-eabi");
    assertThat(MatrixIntegrationTest.status(t, "test")).isEqualTo("PASSED");
    assertThat(Files.readString(work.resolve("out/thumbv6m-none-eabi/logs/test.log")))
        .contains("selfcheck: 5/5 checks passed", "selfcheck: 4/5 checks passed", "qemu-system-arm -M microbit");
  }

  @Test
  void aMesonProjectRunsItsTestsThroughTheExeWrapper(@TempDir Path work) throws Exception {
    Path project = selfcheckProject(work, "meson", "meson.build", """
        project('selfcheck', 'c')
        exe = executable('selfcheck', 'selfcheck.c')
        test('checks', exe)
        test('fails as asked', exe, args: ['fail'], should_fail: true)
        """);
    JsonNode report = test(project, work.resolve("out"), List.of("riscv64-none-elf"));
    JsonNode t = MatrixIntegrationTest.target(report, "riscv64-none-elf");
    assertThat(MatrixIntegrationTest.status(t, "test")).isEqualTo("PASSED");
    assertThat(MatrixIntegrationTest.tests(t, "passed")).isEqualTo(2);
  }

  /** A project of selfcheck.c, one build file and a crosskit.toml naming the build system. */
  private Path selfcheckProject(Path work, String build, String buildFile, String contents) throws Exception {
    Path project = Files.createDirectories(work.resolve("project"));
    try (InputStream in = getClass().getResourceAsStream("/baremetal/selfcheck.c")) {
      Files.copy(in, project.resolve("selfcheck.c"));
    }
    Files.writeString(project.resolve(buildFile), contents);
    Files.writeString(project.resolve("crosskit.toml"), "[project]\nbuild = \"" + build + "\"\n[build]\n"
        + "artifacts = [\"selfcheck\"]\n");
    return project;
  }

  private static JsonNode test(Path project, Path out, List<String> targets) throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "-C", project.toString(), "--out", out.toString(), "--jobs", "2"));
    targets.forEach(t -> args.addAll(List.of("--target", t)));
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    return Json.mapper().readTree(out.resolve("report.json").toFile());
  }

  /** No emulator or debugger that worked on {@code dir}'s files is still running. */
  static void assertNothingLeft(Path dir) throws InterruptedException {
    List<String> left = List.of();
    for (int i = 0; i < 30; i++) {
      left = ProcessHandle.allProcesses()
          .filter(h -> h.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
          .map(h -> h.pid() + " " + h.info().commandLine().orElse(""))
          .toList();
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(left).as("processes left running").isEmpty();
    assertThat(ProcessHandle.current().descendants()
        .filter(h -> h.info().command().map(c -> c.contains("qemu") || c.contains("gdb")).orElse(false)).toList())
        .as("QEMU or gdb children of this JVM").isEmpty();
  }
}
