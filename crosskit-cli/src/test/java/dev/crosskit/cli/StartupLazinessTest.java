package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * What a command loads at start-up, read from the JVM's own class-loading log of a fresh crosskit
 * JVM: a command loads no catalog, no Jackson and no other command's model that it does not use.
 * Start-up time is measured in bench/startup.sh; this keeps the laziness behind it from eroding.
 */
class StartupLazinessTest {
  @TempDir Path home;

  /** What a fresh JVM running {@code crosskit args} printed, with its class-loading log. */
  private Result crosskit(String... args) {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:off", "-Xlog:class+load=info:stdout:tags", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    argv.addAll(List.of(args));
    Result r = new ProcessRunner().capture(Command.of(argv)
        .withEnv("CROSSKIT_HOME", home.toString()).withTimeout(Duration.ofMinutes(2)));
    assertThat(r.exitCode()).as(r.error()).isZero();
    return r;
  }

  /** The classes a fresh JVM running {@code crosskit args} loads, by name. */
  private List<String> classesLoadedBy(String... args) {
    List<String> classes = new ArrayList<>();
    for (String line : crosskit(args).output().split("\n")) {
      // "[class,load] java.lang.Object source: shared objects file"
      if (line.startsWith("[class,load] ")) {
        classes.add(line.substring("[class,load] ".length()).split(" ", 2)[0]);
      }
    }
    assertThat(classes).as("the class-loading log").contains(Main.class.getName());
    return classes;
  }

  // A class being loaded says little (picocli and the JVM's verifier load what a signature names);
  // what shows that work was done: Jackson (every catalog is read with it), a catalog's record
  // types (made only while reading it), a command's mixins and option-value classes (made only
  // while building that command's model).
  private static final String TOOLCHAIN_DATA_READ = "dev.crosskit.toolchain.ToolchainData$Family";

  @Test
  void versionLoadsNoJacksonAndBuildsNoSubcommand() {
    List<String> loaded = classesLoadedBy("--version");
    assertThat(loaded).noneMatch(c -> c.startsWith("com.fasterxml.jackson."));
    assertThat(loaded).doesNotContain(TOOLCHAIN_DATA_READ, TargetsCommand.Show.class.getName(),
        SharedOptions.Json.class.getName(), CompletionCandidates.Targets.class.getName());
  }

  /** {@code --version} alone skips picocli; the same flag among others goes through it, and stays as light. */
  @Test
  void versionThroughPicocliLoadsNoJacksonEither() {
    List<String> loaded = classesLoadedBy("--verbose", "--version");
    assertThat(loaded).contains("picocli.CommandLine");
    assertThat(loaded).noneMatch(c -> c.startsWith("com.fasterxml.jackson."));
    assertThat(loaded).doesNotContain(TOOLCHAIN_DATA_READ, TargetsCommand.Show.class.getName(),
        SharedOptions.Json.class.getName());
  }

  @Test
  void versionPrintsWhatPicocliPrints() {
    StringWriter picocli = new StringWriter();
    assertThat(Main.run(new PrintWriter(picocli), new PrintWriter(new StringWriter()), "--version")).isZero();
    String fast = crosskit("--version").output().lines().filter(l -> !l.startsWith("[")).reduce("", (a, b) -> a + b + "\n");
    assertThat(fast).isEqualTo(picocli.toString()).startsWith("crosskit ");
  }

  @Test
  void helpLoadsNoJackson() {
    List<String> loaded = classesLoadedBy("--help");
    assertThat(loaded).noneMatch(c -> c.startsWith("com.fasterxml.jackson."));
    assertThat(loaded).contains(MatrixOptions.class.getName()); // the whole tree: usage lists every command
  }

  @Test
  void targetsShowBuildsOnlyItsOwnCommandAndReadsNoToolchainData() {
    List<String> loaded = classesLoadedBy("targets", "show", "armv7-linux-gnueabihf");
    assertThat(loaded).contains(TargetsCommand.Show.class.getName());
    assertThat(loaded).doesNotContain(TOOLCHAIN_DATA_READ, MatrixOptions.class.getName(),
        SharedOptions.Board.class.getName(), CompletionCandidates.Boards.class.getName());
    assertNoAnnotationRead(loaded);
  }

  @Test
  void inspectReadsNoToolchainDataAndBuildsNoOtherCommand() {
    List<String> loaded = classesLoadedBy("inspect", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertThat(loaded).contains(InspectCommand.class.getName(), SharedOptions.Board.class.getName());
    assertThat(loaded).doesNotContain(TOOLCHAIN_DATA_READ, MatrixOptions.class.getName(),
        CompletionCandidates.Schemes.class.getName());
    assertNoAnnotationRead(loaded);
  }

  /**
   * The root, targets and inspect have models built in code (CommandSpecs): reading an annotation
   * makes the JVM generate a proxy class ($Proxy), at a cost of milliseconds each, and picocli
   * loads its annotation types only to read them.
   */
  private static void assertNoAnnotationRead(List<String> loaded) {
    assertThat(loaded).as("annotation proxies").noneMatch(c -> c.contains("$Proxy"));
    assertThat(loaded).as("picocli's annotation types").doesNotContain(CommandLine.Command.class.getName(),
        CommandLine.Option.class.getName(), CommandLine.Parameters.class.getName(),
        CommandLine.Mixin.class.getName(), CommandLine.Spec.class.getName());
  }

  /** What the slow path would have shown: an annotated command makes proxies (so the check above can fail). */
  @Test
  void anAnnotatedCommandReadsAnnotations() {
    List<String> loaded = classesLoadedBy("doctor", "--help");
    assertThat(loaded).anyMatch(c -> c.contains("$Proxy")).contains(CommandLine.Command.class.getName());
  }

  /** The subcommands' names, written in Main so that choosing one reads no annotation, are their commands' names. */
  @Test
  void theSubcommandTableNamesEachCommandAsItsModelDoes() {
    CommandLine root = Main.newCommandLine(null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertThat(List.copyOf(root.getSubcommands().keySet())).isEqualTo(List.copyOf(Main.SUBCOMMANDS_BY_NAME.keySet()));
    root.getSubcommands().forEach((name, sub) ->
        assertThat(sub.getCommandSpec().userObject()).as(name).isInstanceOf(Main.SUBCOMMANDS_BY_NAME.get(name)));
  }

  /**
   * Constructing databind's ObjectMapper costs more than reading every catalog: the catalogs are
   * read into trees and the JSON output is written with jackson-core's streaming parser and
   * generator. Its configuration classes are loaded only when a mapper is constructed.
   */
  private static final List<String> OBJECT_MAPPER_BUILT = List.of("com.fasterxml.jackson.databind.ObjectMapper",
      "com.fasterxml.jackson.databind.SerializationConfig", "com.fasterxml.jackson.databind.DeserializationConfig");

  @ParameterizedTest
  @ValueSource(strings = {"targets", "targets --json", "targets show armv7-linux-gnueabihf",
      "targets show linux/arm64 --json", "targets convert aarch64-linux-gnu --to rust,go,docker",
      "targets convert aarch64-linux-gnu --to rust,go --json", "inspect JAVA", "inspect --json JAVA LIBJAVA",
      "inspect --expect x86_64-linux-gnu --max-glibc 2.99 JAVA"})
  void targetsAndInspectConstructNoObjectMapper(String command) {
    Path javaHome = Path.of(System.getProperty("java.home"));
    String[] args = command.replace("LIBJAVA", javaHome.resolve("lib/libjava.so").toString())
        .replace("JAVA", javaHome.resolve("bin/java").toString()).split(" ");
    List<String> loaded = classesLoadedBy(args);
    assertThat(loaded).as("classes loaded by crosskit " + command).contains("com.fasterxml.jackson.core.JsonFactory")
        .doesNotContainAnyElementsOf(OBJECT_MAPPER_BUILT);
  }

  @Test
  void theCommandLineHoldsOnlyTheSubcommandTheArgumentsName() {
    assertThat(Main.subcommandsFor("--version")).isEmpty();
    assertThat(Main.subcommandsFor("--verbose", "targets", "show", "x")).containsExactly(TargetsCommand.class);
    assertThat(Main.subcommandsFor("build", "--version")).containsExactly(BuildCommand.class);
    // usage, completion scripts and picocli's "did you mean" need every command
    assertThat(Main.subcommandsFor()).isEqualTo(Main.SUBCOMMANDS);
    assertThat(Main.subcommandsFor("--help")).isEqualTo(Main.SUBCOMMANDS);
    assertThat(Main.subcommandsFor("help", "build")).isEqualTo(Main.SUBCOMMANDS);
    assertThat(Main.subcommandsFor("completion", "bash")).isEqualTo(Main.SUBCOMMANDS);
    assertThat(Main.subcommandsFor("biuld")).isEqualTo(Main.SUBCOMMANDS);
  }

  /**
   * The AOT cache keeps no class file older than Java 6 (class version 50) once linked: picocli,
   * whose published jar holds Java 5 class files, is compiled from its sources (crosskit-picocli).
   */
  @Test
  void picocliIsCompiledForACurrentJava() throws IOException {
    try (InputStream in = CommandLine.class.getResourceAsStream("CommandLine.class")) {
      byte[] header = in.readNBytes(8);
      int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      assertThat(major).as("class file major version of picocli.CommandLine").isGreaterThanOrEqualTo(65);
    }
  }
}
