package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The docs' commands run as a user would type them: every {@code ```sh runnable} block of
 * README.md and docs/*.md, and every "Examples:" line of every command's --help, in a sandbox
 * holding a copy of the examples (with a HOME of its own, crosskit's usual cache, and
 * {@code crosskit} on the PATH running the packaged jar). Each must end with the documented
 * exit code, and none may end in a usage error or a crosskit bug. The blocks run first and in
 * document order, sharing one copy of each example, so later commands find the earlier builds
 * cached; the --help examples' expected exit codes (and why one is not 0) are in
 * help-examples.txt next to this class, which must list every example.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocsExamplesIntegrationTest {
  private static final Duration LIMIT = Duration.ofMinutes(15);
  /** bash runs the lines (a zsh or fish line is handed to zsh or fish by help-examples.txt); a pipe fails when any part does. */
  private static final String PRELUDE = "set -o pipefail\n";
  private static final ProcessRunner PROCESSES = new ProcessRunner();

  @TempDir static Path sandbox;
  private static Map<String, String> env;

  @BeforeAll
  static void sandbox() throws IOException {
    Path root = DocBlocks.root();
    Path jar = root.resolve("crosskit-cli/target/crosskit.jar");
    assertThat(jar).as("the packaged jar (mvn package)").isRegularFile();
    copy(root.resolve("examples"), sandbox.resolve("examples"));
    Path bin = Files.createDirectories(sandbox.resolve("bin"));
    Path crosskit = Files.writeString(bin.resolve("crosskit"), "#!/bin/sh\nexec '" + Path.of(System.getProperty(
        "java.home"), "bin", "java") + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar '" + jar + "' \"$@\"\n");
    Files.setPosixFilePermissions(crosskit, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path home = Files.createDirectories(sandbox.resolve("home"));
    env = new LinkedHashMap<>();
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    env.put("HOME", home.toString());
    env.put("CROSSKIT_HOME", CrosskitHome.dir().toString()); // the usual cache: toolchains, sysroots, std
    env.put("CROSSKIT_ROOT", sandbox.toString()); // demo's examples are the sandbox's copies
    env.put("TERM", "dumb");
    Path fixtures = Files.createTempFile(sandbox, "fixtures", ".sh");
    try (InputStream in = DocsExamplesIntegrationTest.class.getResourceAsStream("docs-fixtures.sh")) {
      Files.copy(in, fixtures, StandardCopyOption.REPLACE_EXISTING);
    }
    Result made = PROCESSES.capture(Command.of("bash", fixtures.toString(), sandbox.toString()).withEnv(env)
        .withTimeout(Duration.ofMinutes(5)));
    assertThat(made.exitCode()).as(made.output() + made.error()).isZero();
    writeSdks(home);
  }

  /** Stand-in macOS SDKs where the examples name them (Apple's cannot be downloaded). */
  private static void writeSdks(Path home) throws IOException {
    for (String[] v : new String[][] {{"14.2", "tar"}, {"13.3", "dir"}}) {
      Path made = StandInSdk.write(Files.createTempDirectory(sandbox, "sdk"));
      Path sdk = Files.move(made, made.resolveSibling("MacOSX" + v[0] + ".sdk"));
      Path settings = sdk.resolve("SDKSettings.json");
      Files.writeString(settings, Files.readString(settings).replace(StandInSdk.VERSION, v[0]));
      if (v[1].equals("tar")) {
        StandInSdk.tarball(sdk, home.resolve("MacOSX" + v[0] + ".sdk.tar.xz"));
        Files.copy(home.resolve("MacOSX" + v[0] + ".sdk.tar.xz"),
            sandbox.resolve("examples/c-cmake/MacOSX" + v[0] + ".sdk.tar.xz"));
      } else {
        copy(sdk, home.resolve("sdks").resolve(sdk.getFileName()));
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        String rel = from.relativize(p).toString();
        if (rel.equals("target") || rel.contains("/target/") || rel.endsWith("/target") || rel.startsWith("target/")) {
          continue; // an earlier run's outputs are not the example
        }
        Path dest = to.resolve(rel);
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(dest, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** One line to run: where it is documented, the line, its working directory, its exit code, how it is run. */
  private record Line(String where, String text, Path cwd, int exit, String wrapper) {}

  /**
   * Runs lines in one shell, one after the other as a user types them (so {@code eval
   * "$(crosskit env T)"} serves the line after it), recording each one's exit status.
   * Lines of sysroot, sdk and cache, which add and remove, get a cache of their own.
   *
   * @return the failures, each with the tail of what the shell printed
   */
  private static List<String> runInOneShell(List<Line> lines) throws IOException {
    Path status = Files.createTempFile(sandbox, "status", ".txt");
    StringBuilder script = new StringBuilder(PRELUDE);
    boolean ownCache = false;
    for (Line l : lines) {
      ownCache |= l.text().matches("^crosskit (sysroot|sdk|cache) .*");
      script.append("cd '").append(l.cwd()).append("'\n").append(l.wrapper().replace("{}", l.text())).append("\n")
          .append("echo $? >> '").append(status).append("'\n");
    }
    Result r = PROCESSES.capture(Command.of("bash", "-c", script.toString()).withCwd(sandbox).withEnv(env)
        .withEnv(ownCache ? Map.of("CROSSKIT_HOME", privateCache().toString()) : Map.of()).withTimeout(LIMIT));
    List<String> codes = Files.readAllLines(status);
    String said = "\n" + tail(r.output()) + tail(r.error());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      if (i >= codes.size()) {
        failures.add(l.where() + ": '" + l.text() + "' did not finish" + (r.timedOut() ? " (timed out)" : "") + said);
        break;
      }
      if (Integer.parseInt(codes.get(i).strip()) != l.exit()) {
        failures.add(l.where() + ": '" + l.text() + "' exit " + codes.get(i) + ", documented " + l.exit() + said);
      }
    }
    for (String sign : List.of("crosskit bug", "Exception", "Unknown option", "Missing required")) {
      if (r.error().contains(sign)) {
        failures.add(lines.get(0).where() + ": '" + sign + "' in what the commands printed" + said);
      }
    }
    return failures;
  }

  private static String tail(String s) {
    List<String> lines = s.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + (lines.isEmpty() ? "" : "\n");
  }

  @Test
  @Order(1)
  void everyRunnableBlockOfTheDocsRunsWithItsDocumentedExitCode() throws IOException {
    List<String> failures = new ArrayList<>();
    int commands = 0;
    for (DocBlocks b : DocBlocks.all()) {
      if (!b.has("runnable")) {
        continue;
      }
      Path cwd = sandbox.resolve(b.attribute("cwd").orElse("examples/c-cmake"));
      int expected = Integer.parseInt(b.attribute("exit").orElse("0"));
      List<Line> lines = b.commands().stream().map(c -> new Line(b.where(), c, cwd, expected, "{}")).toList();
      commands += lines.size();
      failures.addAll(runInOneShell(lines));
    }
    assertThat(commands).as("runnable commands in the docs").isGreaterThanOrEqualTo(10);
    assertThat(failures).isEmpty();
  }

  /** Every command's "Examples:" lines, as picocli prints them, each once (a parent repeats its subcommands'). */
  static List<List<String>> helpExamples() {
    List<List<String>> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<CommandLine> all = new ArrayList<>();
    walk(Main.newCommandLine(null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), all);
    for (CommandLine c : all) {
      List<String> group = new ArrayList<>();
      boolean in = false;
      for (String l : c.getCommandSpec().usageMessage().footer()) {
        if (l.strip().equals("Examples:")) {
          in = true;
        } else if (in && l.startsWith("  ") && !l.isBlank()) {
          if (!seen.contains(l.strip())) {
            seen.add(l.strip());
            group.add(l.strip());
          }
        } else {
          in = false;
        }
      }
      if (!group.isEmpty()) {
        out.add(group);
      }
    }
    return out;
  }

  private static void walk(CommandLine cli, List<CommandLine> all) {
    all.add(cli);
    cli.getSubcommands().values().stream().distinct().forEach(c -> walk(c, all));
  }

  /** One line of help-examples.txt: exit code, working directory in the sandbox, the example, and how to run it. */
  private record Expected(int exit, String cwd, String wrapper) {}

  /**
   * help-examples.txt: exit code, working directory (in the sandbox), the example, and
   * optionally a line that runs it ({} stands for the example); # lines say why.
   */
  private static Map<String, Expected> expectations() throws IOException {
    Map<String, Expected> out = new LinkedHashMap<>();
    try (InputStream in = DocsExamplesIntegrationTest.class.getResourceAsStream("help-examples.txt")) {
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (l.isBlank() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split("\t");
        out.put(f[2], new Expected(Integer.parseInt(f[0]), f[1], f.length > 3 ? f[3] : "{}"));
      }
    }
    return out;
  }

  /**
   * One command's examples run in one shell, line after line, as a user types them (so
   * {@code eval "$(crosskit env T)"} serves the line after it); each line's exit status is
   * recorded and compared.
   */
  @Test
  @Order(2)
  void everyHelpExampleRunsWithItsDocumentedExitCode() throws IOException {
    List<List<String>> groups = helpExamples();
    Map<String, Expected> expected = expectations();
    assertThat(expected.keySet()).as("help-examples.txt lists every --help example, and no other")
        .containsExactlyInAnyOrderElementsOf(groups.stream().flatMap(List::stream).toList());
    List<String> failures = new ArrayList<>();
    for (List<String> group : groups) {
      failures.addAll(runInOneShell(group.stream().map(example -> {
        Expected e = expected.get(example);
        return new Line("--help example", example, sandbox.resolve(e.cwd()), e.exit(), e.wrapper());
      }).toList()));
    }
    assertThat(failures).isEmpty();
  }

  /**
   * The sysroot, sdk and cache examples add and remove: they get a cache of their own (the usual one's
   * downloaded packages linked in, so nothing is fetched twice), and nothing of the usual cache
   * is removed.
   */
  private static Path privateCache() throws IOException {
    Path cache = sandbox.resolve("cache");
    if (!Files.isDirectory(cache)) {
      Files.createDirectories(cache);
      Path apt = CrosskitHome.dir().resolve("apt");
      if (Files.isDirectory(apt)) {
        PROCESSES.capture(Command.of("cp", "-al", apt.toString(), cache.resolve("apt").toString())
            .withTimeout(Duration.ofMinutes(2)));
      }
    }
    return cache;
  }
}
