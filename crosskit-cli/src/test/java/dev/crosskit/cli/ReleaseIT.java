package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * bin/release end to end, on the jar this build just packaged: the archive runs from an empty
 * directory with no JDK anywhere on PATH or in JAVA_HOME, the Debian package installs into a
 * throw-away root with everything in its place and passes lintian, and the released command
 * completes in bash. (That two clones give the same bytes is bench/release-reproducible.sh: two
 * full builds are too slow for the suite.)
 */
@Tag("integration")
class ReleaseIT {
  private static final ProcessRunner RUNNER = new ProcessRunner();
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir static Path tmp;
  static Path release;
  static String version;
  static long epoch;

  @BeforeAll
  static void release() {
    ExternalTools.require("dpkg-deb", "dpkg");
    ExternalTools.require("asciidoctor", "asciidoctor");
    ExternalTools.require("lintian", "lintian");
    version = CliRunner.run("--version").out().strip().replace("crosskit ", "");
    release = tmp.resolve("release");
    Path jar = REPO.resolve("crosskit-cli/target/crosskit.jar");
    assertThat(jar).as("mvn package writes the jar before the integration tests").exists();
    Result r = run(Command.of(REPO.resolve("bin/release").toString(), "--jar", jar.toString(), "--out", release.toString())
        .withTimeout(Duration.ofMinutes(30)));
    assertThat(r.ok()).as("bin/release failed:\n" + r.output() + r.error()).isTrue();
    epoch = Long.parseLong(ExternalTools.ok("git", "-C", REPO.toString(), "log", "-1", "--format=%ct").strip());
  }

  private static String archiveName() {
    return "crosskit-" + version + "-linux-x86_64";
  }

  private static Path deb() {
    return release.resolve("crosskit_" + version.replace('-', '~') + "_amd64.deb");
  }

  @Test
  void releaseHoldsTheArchiveThePackageAndTheirChecksums() throws IOException {
    Path archive = release.resolve(archiveName() + ".tar.gz");
    assertThat(archive).isRegularFile();
    assertThat(deb()).isRegularFile();
    String sums = Files.readString(release.resolve("SHA256SUMS"));
    assertThat(sums.lines()).containsExactly(
        dev.crosskit.base.Digests.sha256(archive) + "  " + archive.getFileName(),
        dev.crosskit.base.Digests.sha256(deb()) + "  " + deb().getFileName());
  }

  @Test
  void archiveEntriesAreSortedOwnedByRootAndDatedByTheCommit() throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(release.resolve(archiveName() + ".tar.gz"));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName());
        assertThat(e.getName()).startsWith(archiveName() + "/");
        assertThat(e.getLongUserId()).as(e.getName()).isZero();
        assertThat(e.getLongGroupId()).as(e.getName()).isZero();
        assertThat(e.getModTime().getTime() / 1000).as(e.getName()).isEqualTo(epoch);
        assertThat(e.getMode() & 07777).as(e.getName()).isIn(0755, 0644);
      }
    }
    String top = archiveName() + "/";
    assertThat(names).contains(top + "bin/crosskit", top + "lib/crosskit.jar", top + "lib/crosskit.jsa",
        top + "runtime/bin/java", top + "runtime/lib/modules", top + "share/man/man1/crosskit.1.gz",
        top + "share/bash-completion/completions/crosskit", top + "examples/c-cmake/crosskit.toml");
    List<String> files = names.stream().filter(n -> !n.endsWith("/")).toList();
    assertThat(files).isSortedAccordingTo(String::compareTo);
  }

  /** Unpacked by tar into an empty directory and run with PATH and JAVA_HOME leading to no JDK at all. */
  @Test
  void archiveRunsWithoutAnyInstalledJdk() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("unpacked"));
    ExternalTools.ok("tar", "-xzf", release.resolve(archiveName() + ".tar.gz").toString(), "-C", dir.toString());
    Path home = dir.resolve(archiveName());
    Path crosskit = home.resolve("bin/crosskit");
    Path emptyBin = Files.createDirectory(tmp.resolve("no-jdk-bin"));
    Map<String, String> env = noJdk(emptyBin.toString());

    Result v = run(Command.of(crosskit.toString(), "--version").withEnv(env));
    assertThat(v.ok()).as(v.error()).isTrue();
    assertThat(v.output().strip()).isEqualTo("crosskit " + version);

    Result show = run(Command.of(crosskit.toString(), "targets", "show", "linux/arm/v7").withEnv(env));
    assertThat(show.ok()).as(show.error()).isTrue();
    assertThat(show.output()).contains("armv7-linux-gnueabihf", "armv7-unknown-linux-gnueabihf", "linux/arm/v7");

    Result inspect = run(Command.of(crosskit.toString(), "inspect", "--json", "--expect", "x86_64-linux-gnu", "/bin/ls")
        .withEnv(env));
    assertThat(inspect.ok()).as(inspect.output() + inspect.error()).isTrue();
    assertThat(inspect.output()).contains("\"x86_64\"").contains("GLIBC_");

    // The class-data archive fits the unpacked runtime and jar: with -Xshare:on the JVM refuses to
    // start otherwise (the launcher itself falls back silently).
    Result cds = run(Command.of(home.resolve("runtime/bin/java").toString(), "-XX:+UseSerialGC", "-Xshare:on",
        "-XX:SharedArchiveFile=" + home.resolve("lib/crosskit.jsa"), "-jar", home.resolve("lib/crosskit.jar").toString(),
        "--version").withEnv(env));
    assertThat(cds.ok()).as("CDS archive unusable: " + cds.output() + cds.error()).isTrue();
  }

  /**
   * The launcher has the AOT cache made on this machine: its first run starts the training in the
   * background (flock, mkdir, mv and rm are the only programs it needs besides the runtime), the
   * cache lands in crosskit's cache under the jar's checksum and the install directory, and the
   * runtime accepts it (-XX:AOTMode=on refuses to start with a cache that does not fit).
   */
  @Test
  void launcherMakesAnAotCacheForItsJarInCrosskitsCache() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("unpacked-for-aot"));
    ExternalTools.ok("tar", "-xzf", release.resolve(archiveName() + ".tar.gz").toString(), "-C", dir.toString());
    Path home = dir.resolve(archiveName()).toRealPath();
    String sha = Files.readString(home.resolve("lib/crosskit.jar.sha256")).split(" ", 2)[0];
    assertThat(sha).isEqualTo(dev.crosskit.base.Digests.sha256(home.resolve("lib/crosskit.jar")));
    Path tools = Files.createDirectory(tmp.resolve("aot-tools"));
    for (String tool : List.of("flock", "mkdir", "mv", "rm", "sleep")) {
      Files.createSymbolicLink(tools.resolve(tool), Path.of(ExternalTools.ok("sh", "-c", "command -v " + tool).strip()));
    }
    Map<String, String> env = noJdk(tools.toString());
    Path cacheHome = Path.of(env.get("CROSSKIT_HOME"));
    Path aot = Path.of(cacheHome + "/aot/" + sha + home + "/crosskit.aot");

    // one command for the run and the wait: the training outlives the launcher, and the runner
    // stops what a command leaves running
    Result first = run(Command.of("/bin/sh", "-c", "\"$0\" --version && i=0 && while [ ! -f \"$1\" ] && [ $i -lt 170 ]; "
        + "do sleep 1; i=$((i + 1)); done", home.resolve("bin/crosskit").toString(), aot.toString())
        .withEnv(env).withTimeout(Duration.ofMinutes(3)));
    assertThat(first.ok()).as(first.error()).isTrue();
    assertThat(first.output().strip()).isEqualTo("crosskit " + version);
    assertThat(aot).as("the AOT cache the launcher trains").isRegularFile();

    Result on = run(Command.of(home.resolve("runtime/bin/java").toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:AOTMode=on", "-XX:AOTCache=" + aot, "-jar", home.resolve("lib/crosskit.jar").toString(),
        "targets", "show", "linux/arm/v7").withEnv(env));
    assertThat(on.ok()).as("AOT cache unusable: " + on.output() + on.error()).isTrue();
    Result again = run(Command.of(home.resolve("bin/crosskit").toString(), "targets", "show", "linux/arm/v7").withEnv(env));
    assertThat(again.ok()).as(again.error()).isTrue();
    assertThat(again.output()).contains("armv7-linux-gnueabihf");
  }

  /** The environment of a machine without a JDK: JAVA_HOME unset, PATH only {@code path}, which holds no java. */
  private static Map<String, String> noJdk(String path) {
    for (String dir : path.split(":")) {
      assertThat(Path.of(dir, "java")).as("PATH must hold no JDK").doesNotExist();
      assertThat(Path.of(dir, "javac")).as("PATH must hold no JDK").doesNotExist();
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", path);
    env.put("JAVA_HOME", null);
    env.put("JDK_HOME", null);
    env.put("CROSSKIT_HOME", tmp.resolve("crosskit-home").toString());
    return env;
  }

  /** {@code bash -c 'source <(crosskit completion bash); complete -p crosskit'} with the released command on PATH. */
  @Test
  void releasedCommandCompletesInBash() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("unpacked-for-bash"));
    ExternalTools.ok("tar", "-xzf", release.resolve(archiveName() + ".tar.gz").toString(), "-C", dir.toString());
    Map<String, String> env = noJdk(dir.resolve(archiveName()).resolve("bin").toString());

    Result p = run(Command.of("/bin/bash", "-c", "source <(crosskit completion bash); complete -p crosskit").withEnv(env));
    assertThat(p.ok()).as(p.error()).isTrue();
    assertThat(p.output()).contains("complete").contains("-F _complete_crosskit").contains("crosskit");

    String complete = """
        source <(crosskit completion bash)
        COMP_WORDS=(crosskit targets show linux/ar); COMP_CWORD=3; COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
        _complete_crosskit crosskit linux/ar show
        printf '%s\\n' "${COMPREPLY[@]}"
        """;
    Result c = run(Command.of("/bin/bash", "-c", complete).withEnv(env));
    assertThat(c.ok()).as(c.error()).isTrue();
    assertThat(c.output().lines().map(String::strip)).contains("linux/arm/v7");
  }

  /** dpkg installs the package into a throw-away root; its file list holds the launcher, the runtime, completions and man pages. */
  @Test
  void debInstallsIntoAThrowAwayRoot() throws IOException {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.createFile(root.resolve("var/lib/dpkg/status"));
    // Its dependencies (libc6, apt) are not in the empty root's database; everything else is checked.
    ExternalTools.ok("dpkg", "--root=" + root, "--force-not-root", "--force-depends", "-i", deb().toString());
    List<String> listed = ExternalTools.ok("dpkg", "--root=" + root, "-L", "crosskit").lines().toList();
    assertThat(listed).contains("/usr/bin/crosskit", "/usr/lib/crosskit/bin/crosskit", "/usr/lib/crosskit/lib/crosskit.jar",
        "/usr/lib/crosskit/lib/crosskit.jsa", "/usr/lib/crosskit/runtime/bin/java",
        "/usr/lib/crosskit/runtime/lib/server/libjvm.so", "/usr/lib/crosskit/runtime/lib/modules",
        "/usr/share/bash-completion/completions/crosskit", "/usr/share/zsh/vendor-completions/_crosskit",
        "/usr/share/fish/vendor_completions.d/crosskit.fish", "/usr/share/doc/crosskit/copyright");
    for (String command : commandNames()) {
      assertThat(listed).as("man page of '" + command.replace('-', ' ') + "'")
          .contains("/usr/share/man/man1/" + command + ".1.gz");
    }
    for (String file : listed) {
      assertThat(root.resolve(file.substring(1))).as(file).exists();
    }

    // /usr/bin/crosskit is a relative link, so the package runs inside the throw-away root too.
    Result v = run(Command.of(root.resolve("usr/bin/crosskit").toString(), "--version")
        .withEnv(noJdk(coreutilsOnly())));
    assertThat(v.ok()).as(v.error()).isTrue();
    assertThat(v.output().strip()).isEqualTo("crosskit " + version);
    // dpkg keeps the files' times, so the class-data archive still fits the installed jar
    Path lib = root.resolve("usr/lib/crosskit");
    Result cds = run(Command.of(lib.resolve("runtime/bin/java").toString(), "-XX:+UseSerialGC", "-Xshare:on",
        "-XX:SharedArchiveFile=" + lib.resolve("lib/crosskit.jsa"), "-jar", lib.resolve("lib/crosskit.jar").toString(),
        "--version"));
    assertThat(cds.ok()).as("CDS archive unusable after dpkg: " + cds.output() + cds.error()).isTrue();
    String control = ExternalTools.ok("dpkg-deb", "--field", deb().toString(), "Depends", "Recommends");
    assertThat(control).contains("libc6 (>=", "qemu-user-static", "binfmt-support");
  }

  /** A PATH with readlink (the launcher resolves /usr/bin/crosskit with it) and no java. */
  private static String coreutilsOnly() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("coreutils-bin"));
    Path link = bin.resolve("readlink");
    if (!Files.exists(link)) {
      Files.createSymbolicLink(link, Path.of("/usr/bin/readlink"));
    }
    return bin.toString();
  }

  @Test
  void debPassesLintianWithoutErrors() {
    Result r = run(Command.of("lintian", "--display-info", deb().toString()).withTimeout(Duration.ofMinutes(10)));
    List<String> errors = r.output().lines().filter(l -> l.startsWith("E:")).toList();
    assertThat(errors).as("lintian:\n" + r.output() + r.error()).isEmpty();
    assertThat(r.exitCode()).as("lintian:\n" + r.output() + r.error()).isZero();
  }

  /** Every non-hidden command, named as its man page is: crosskit, crosskit-targets, crosskit-targets-show, ... */
  private static List<String> commandNames() {
    CommandLine root = Main.newCommandLine(null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<String> names = new ArrayList<>();
    collect(root, names);
    assertThat(names).hasSizeGreaterThan(20).contains("crosskit-debug", "crosskit-completion", "crosskit-targets-show");
    return names;
  }

  private static void collect(CommandLine cl, List<String> into) {
    if (!cl.getCommandSpec().usageMessage().hidden()) {
      into.add(cl.getCommandSpec().qualifiedName("-"));
      cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
  }

  private static Result run(Command c) {
    return RUNNER.capture(c.timeout().equals(Command.DEFAULT_TIMEOUT) ? c.withTimeout(Duration.ofMinutes(2)) : c);
  }
}
