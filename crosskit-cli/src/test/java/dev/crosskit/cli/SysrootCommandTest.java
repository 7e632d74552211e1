package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sysroot command's surface: help, and bad input answered with one line and exit 2 before any download. */
class SysrootCommandTest {
  static CliRunner run(String... args) {
    return CliRunner.run(args);
  }

  @Test
  void helpHasExamples() {
    CliRunner r = run("sysroot", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("add", "list", "show", "remove", "suites", "Examples:",
        "crosskit sysroot add aarch64-linux-gnu zlib1g-dev libssl-dev");
    assertThat(run("sysroot", "add", "--help").out()).contains("--suite", "--glibc", "Examples:");
  }

  @Test
  void badInputIsOneLineAndExit2() {
    assertOneLine(run("sysroot", "add", "no-such-target", "zlib1g-dev"), "no-such-target");
    assertOneLine(run("sysroot", "add", "aarch64-linux-gnu", "--suite", "buster", "zlib1g-dev"), "unknown Debian suite 'buster'");
    assertOneLine(run("sysroot", "add", "aarch64-linux-gnu", "--glibc", "2.28", "zlib1g-dev"), "2.31 (bullseye)");
    assertOneLine(run("sysroot", "add", "aarch64-linux-gnu", "--glibc", "2.31", "--suite", "bullseye"),
        "--suite=SUITE, --glibc=VERSION are mutually exclusive (specify only one)");
    assertOneLine(run("sysroot", "add", "aarch64-linux-gnu", "zlib1g-dev;rm"), "not a Debian package name");
    assertOneLine(run("sysroot", "add", "armv6-linux-gnueabihf", "zlib1g-dev"), "armv6-linux-musleabihf");
    assertOneLine(run("sysroot", "add", "aarch64-linux-musl", "zlib1g-dev"), "built against glibc");
    assertOneLine(run("sysroot", "add", "x86_64-windows-gnu"), "Linux targets");
    assertOneLine(run("sysroot", "show", "aarch64-linux-gnu", "--suite", "sid"), "unknown Debian suite");
    CliRunner missing = run("sysroot", "add");
    assertThat(missing.exitCode()).isEqualTo(2);
  }

  @Test
  void suitesListTheGlibcFloors() {
    CliRunner r = run("sysroot", "suites");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("bullseye", "2.31", "bookworm", "2.36");
    assertThat(run("sysroot", "suites", "--json").out()).contains("\"glibc\" : \"2.31\"");
  }

  private static void assertOneLine(CliRunner r, String expected) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(expected).doesNotContain("Exception", "\tat ");
    assertThat(r.err().strip().lines().filter(l -> !l.startsWith("crosskit: note:")).count()).as(r.err()).isLessThanOrEqualTo(2);
  }
}
