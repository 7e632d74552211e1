package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Careless and hostile input to the command line, needing no toolchain: each is refused before
 * any work with exit 2 and one line that names what was wrong, and nothing of the user's is
 * touched.
 */
class HostileInputTest {
  @TempDir Path project;
  @TempDir Path elsewhere;

  @BeforeEach
  void writeProject() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "hostile"
        build = "command"
        targets = ["x86_64-linux-gnu"]
        [build]
        command = ["true"]
        """);
  }

  static Path fifo(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
    return path;
  }

  static Path socket(Path path) throws IOException {
    try (var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      ch.bind(java.net.UnixDomainSocketAddress.of(path));
    }
    return path;
  }

  static void assertRefused(CliRunner r, String... fragments) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).as(r.err()).doesNotContain("\n").contains(fragments);
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  /** The user's own files, behind a link where crosskit expects one of its directories. */
  private Path usersFiles() throws IOException {
    Path mine = Files.createDirectories(elsewhere.resolve("mine"));
    Files.writeString(mine.resolve("thesis.tex"), "years of work");
    Files.writeString(mine.resolve("build.log"), "my own log");
    return mine;
  }

  @Test
  void aLogsDirectoryThatIsALinkIsRefusedAndNothingBehindItIsDeleted() throws IOException {
    Path mine = usersFiles();
    Path out = project.resolve("target/crosskit");
    Files.createDirectories(out.resolve("x86_64-linux-gnu"));
    Path logs = Files.createSymbolicLink(out.resolve("x86_64-linux-gnu/logs"), mine);
    assertRefused(CliRunner.run("build", "-C", project.toString()), logs.toString(), "symbolic link");
    assertThat(mine.resolve("thesis.tex")).hasContent("years of work");
    assertThat(mine.resolve("build.log")).hasContent("my own log");
  }

  @Test
  void everyOutputDirectoryThatIsALinkIsRefused() throws IOException {
    Path mine = usersFiles();
    for (String own : new String[] {"out", "out/x86_64-linux-gnu", "out/x86_64-linux-gnu/build",
        "out/x86_64-linux-gnu/artifacts", "out/x86_64-linux-gnu/canary", "out/x86_64-linux-gnu/logs/build.log"}) {
      Path out = Files.createTempDirectory(elsewhere, "run");
      Path link = out.resolve(own);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, own.endsWith(".log") ? mine.resolve("build.log") : mine);
      assertRefused(CliRunner.run("build", "-C", project.toString(), "--out", out.resolve("out").toString()),
          link.toString(), "symbolic link");
    }
    assertThat(mine.resolve("thesis.tex")).hasContent("years of work");
    assertThat(mine.resolve("build.log")).hasContent("my own log");
  }
  @Test
  void specialFilesWhereARegularFileIsExpectedAreRefusedAtOnce() throws Exception {
    Path fifo = fifo(elsewhere.resolve("fifo"));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      assertRefused(CliRunner.run("inspect", fifo.toString()), fifo + ": not a regular file");
      assertRefused(CliRunner.run("inspect", "/dev/zero"), "/dev/zero: not a regular file");
      assertRefused(CliRunner.run("inspect", "/bin/sh", "--policy", fifo.toString()), fifo + ": not a regular file");
      assertRefused(CliRunner.run("inspect", "/bin/sh", "--policy", "/dev/zero"), "/dev/zero: not a regular file");
      assertRefused(CliRunner.run("run", "-t", "x86_64-linux-gnu", "/dev/zero"), "/dev/zero: not a regular file");
      assertRefused(CliRunner.run("image", "-C", project.toString(), "--tag", "x:1", "--base-layer", "/dev/zero"),
          "--base-layer /dev/zero: not a regular file");
    });
  }

  /** A FIFO and a socket in the project: the build does not hang on them, they are simply not sources. */
  @Test
  void aFifoAndASocketInTheProjectDoNotHangTheBuild() throws Exception {
    fifo(project.resolve("pipe"));
    socket(project.resolve("agent.sock"));
    Path out = elsewhere.resolve("out");
    CliRunner r = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> CliRunner.run("build", "-C", project.toString(), "--out", out.toString(), "--json"));
    assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
    assertThat(r.err()).doesNotContain("crosskit bug", "Exception");
    assertThat(out.resolve("report.json")).isRegularFile();
  }
  @Test
  void aCacheDirectoryThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(elsewhere.resolve("cache-file"), "not a directory");
    dev.crosskit.host.Host host = new dev.crosskit.host.Host(file, elsewhere, new dev.crosskit.exec.ProcessRunner(),
        dev.crosskit.base.HostTools.system(), dev.crosskit.emulate.Binfmt.system(), line -> { });
    assertRefused(CliRunner.run(host, "sysroot", "add", "aarch64-linux-gnu", "zlib1g-dev"),
        "crosskit's cache " + file + " is not a directory", "CROSSKIT_HOME");
    assertRefused(CliRunner.run(host, "build", "-C", project.toString()), "is not a directory");
  }

  @Test
  void aProjectThatIsAFileAndABaseLayerThatIsNoTarAreNamedForWhatTheyAre() throws IOException {
    Path file = Files.writeString(elsewhere.resolve("main.c"), "int main(void) { return 0; }\n");
    assertRefused(CliRunner.run("build", "-C", file.toString()), "project directory " + file + " is not a directory");
    assertRefused(CliRunner.run("image", "-C", project.toString(), "--tag", "x:1", "--base-layer", file.toString()),
        "--base-layer " + file + " is not a tar archive");
    Path zeros = Files.write(elsewhere.resolve("zeros.tar"), new byte[600]);
    assertRefused(CliRunner.run("image", "-C", project.toString(), "--tag", "x:1", "--base-layer", zeros.toString()),
        "is not a tar archive");
    // an empty archive (only its end marker) is a tar: the command goes on to look for the last build
    Path empty = Files.write(elsewhere.resolve("empty.tar"), new byte[10240]);
    assertRefused(CliRunner.run("image", "-C", project.toString(), "--tag", "x:1", "--base-layer", empty.toString()),
        "no build yet: ");
  }

  @Test
  void hugeTimeoutsAreBadInput() {
    assertRefused(CliRunner.run("test", "-C", project.toString(), "--test-timeout", "99999999999999999999h"),
        "'test.timeout' must be a duration");
  }

  @Test
  void aTargetTableForATargetNotBuiltIsWarnedAbout() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), Files.readString(project.resolve("crosskit.toml")) + """
        [target.riscv64-linux-gnu]
        build.env = { A = "1" }
        """);
    CliRunner r = CliRunner.run("build", "-C", project.toString(), "--out", elsewhere.resolve("out").toString());
    assertThat(r.err()).contains("crosskit: warning: crosskit.toml:7: [target.riscv64-linux-gnu] applies to"
        + " riscv64-linux-gnu, which is not among the targets built (x86_64-linux-gnu)");
  }
}
