package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.host.Host;
import dev.crosskit.pack.ArchiveFormat;
import dev.crosskit.toolchainfile.ToolchainFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** How the command line is read: the shared options, the exclusive groups, the --format values. */
class OptionParsingTest {
  private static final Path HERE = Path.of("").toAbsolutePath();

  @Test
  void buildReadsEverySharedOption() {
    BuildCommand b = CommandLine.populateCommand(new BuildCommand(), "-C", "/src/app", "--out", "/tmp/o", "-t",
        "aarch64-linux-gnu", "--target", "armhf", "-j", "3", "--json", "--fail-fast", "--rebuild",
        "--check-reproducible", "--test-timeout", "90s", "-q");
    MatrixRun.Request r = b.options.request(false);
    assertThat(r.project()).isEqualTo(Path.of("/src/app"));
    assertThat(r.out().path()).isEqualTo(Path.of("/tmp/o"));
    assertThat(r.targets()).containsExactly("aarch64-linux-gnu", "armhf");
    assertThat(r.jobs()).contains(3);
    assertThat(r.json()).isTrue();
    assertThat(r.failFast()).isTrue();
    assertThat(r.rebuild()).isTrue();
    assertThat(r.checkReproducible()).isTrue();
    assertThat(r.testTimeout()).isEqualTo("90s");
    assertThat(r.quiet()).isTrue();
    assertThat(r.runTests()).isFalse();
  }

  @Test
  void theDefaultsAreTheCurrentDirectoryAndItsTargetCrosskit() {
    MatrixRun.Request r = CommandLine.populateCommand(new TestCommand()).options.request(true);
    assertThat(r.project()).isEqualTo(HERE);
    assertThat(r.out().path()).isEqualTo(HERE.resolve("target/crosskit"));
    assertThat(r.targets()).isEmpty();
    assertThat(r.jobs()).isEqualTo(Optional.empty());
    assertThat(r.failFast()).isFalse();
    assertThat(r.runTests()).isTrue();
    // --out is relative to where crosskit runs, the default to the project
    MatrixRun.Request other = CommandLine.populateCommand(new TestCommand(), "-C", "p", "--out", "o").options
        .request(true);
    assertThat(other.out().path()).isEqualTo(HERE.resolve("o"));
    assertThat(CommandLine.populateCommand(new TestCommand(), "-C", "p").options.request(true).out().path())
        .isEqualTo(HERE.resolve("p/target/crosskit"));
  }

  @Test
  void contradictingFlagsAreRefused() {
    assertThatThrownBy(() -> CommandLine.populateCommand(new BuildCommand(), "--fail-fast", "--keep-going"))
        .isInstanceOf(CommandLine.MutuallyExclusiveArgsException.class)
        .hasMessageContaining("--fail-fast, --keep-going are mutually exclusive");
    assertThat(CommandLine.populateCommand(new BuildCommand(), "--keep-going").options.request(false).failFast())
        .isFalse();
    assertThatThrownBy(() -> CommandLine.populateCommand(new SysrootCommand.Add(), "aarch64-linux-gnu", "--suite",
        "bullseye", "--glibc", "2.31")).isInstanceOf(CommandLine.MutuallyExclusiveArgsException.class);
  }

  @Test
  void jobsMustBeAtLeastOne() {
    assertThatThrownBy(() -> CommandLine.populateCommand(new BuildCommand(), "--jobs", "0"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--jobs must be at least 1, got 0");
    assertThat(CommandLine.populateCommand(new DemoCommand(), "-j", "2").jobs.value()).contains(2);
  }

  @Test
  void formatsAreEnumsReadByTheirNames() {
    assertThat(CommandLine.populateCommand(new PackageCommand(), "--format", "tar.gz").format)
        .isEqualTo(ArchiveFormat.TAR_GZ);
    assertThat(CommandLine.populateCommand(new EnvCommand(), "armhf").format).isEqualTo(EnvCommand.Format.SH);
    assertThat(CommandLine.populateCommand(new EnvCommand(), "armhf", "--format", "FISH").format)
        .isEqualTo(EnvCommand.Format.FISH);
    assertThat(CommandLine.populateCommand(new ToolchainFileCommand(), "armhf", "--format", "meson").format)
        .isEqualTo(ToolchainFiles.Format.MESON);
    assertThatThrownBy(() -> CommandLine.populateCommand(new PackageCommand(), "--format", "rar"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'rar' is not one of auto, tar.gz, zip");
  }

  @Test
  void inspectFlagsGoThroughThePolicyReader() {
    for (String level : List.of("3", "v3", "x86-64-v3")) {
      assertThat(inspect("--max-isa-level", level, "a.out").policy()
          .maxIsaLevel()).as(level).isEqualTo(3);
    }
    assertThatThrownBy(() -> inspect("--max-isa-level", "v9", "a.out")
        .policy()).hasMessageStartingWith("--max-isa-level must be an x86-64 ISA level: 1 to 4");
    assertThatThrownBy(() -> inspect("--require-relro", "most", "a.out")
        .policy()).hasMessage("--require-relro must be \"partial\" or \"full\", got \"most\"");
    assertThat(inspect("--require-relro", "--", "a.out").policy().requireRelro())
        .isEqualTo("full");
  }

  /** An inspect command as {@code args} set it (its model is built in code, so populateCommand does not apply). */
  private static InspectCommand inspect(String... args) {
    CommandSpec spec = InspectCommand.model();
    new CommandLine(spec).parseArgs(args);
    return (InspectCommand) spec.userObject();
  }

  /** An optional value never swallows the file after it (docs/inspect.md: {@code --require-relro FILE}). */
  @Test
  void requireRelroWithoutALevelLeavesTheFileAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("app"), "x");
    InspectCommand bare = inspect("--require-relro", file.toString());
    assertThat(bare.policy().requireRelro()).isEqualTo("full");
    assertThat(bare.paths).containsExactly(file);
    for (List<String> argv : List.of(List.of("--require-relro", "partial", file.toString()),
        List.of("--require-relro=partial", file.toString()), List.of(file.toString(), "--require-relro", "partial"))) {
      InspectCommand c = inspect(argv.toArray(String[]::new));
      assertThat(c.policy().requireRelro()).as(argv.toString()).isEqualTo("partial");
      assertThat(c.paths).as(argv.toString()).containsExactly(file);
    }
    InspectCommand last = inspect(file.toString(), "--require-relro");
    assertThat(last.policy().requireRelro()).isEqualTo("full");
  }

  @Test
  void packageAndImageShareTheProjectOutAndTargetOptions() {
    PackageCommand p = CommandLine.populateCommand(new PackageCommand(), "-C", "/p", "-t", "armhf", "--out", "/o");
    assertThat(p.out.of(p.project).path()).isEqualTo(Path.of("/o"));
    assertThat(p.targets.spellings()).containsExactly("armhf");
    ImageCommand i = CommandLine.populateCommand(new ImageCommand(), "--tag", "a:1", "-C", "/p");
    assertThat(i.out.of(i.project).path()).isEqualTo(Path.of("/p/target/crosskit"));
  }

  private static final List<String> PROGRAM_COMMANDS = List.of("run", "debug");

  /** Each shared option is declared once: wherever a command has it, it reads the same. */
  @Test
  void everySharedOptionIsTheSameEverywhere() {
    CommandLine root = Main.newCommandLine(Host.system(line -> { }), new java.io.PrintWriter(System.out),
        new java.io.PrintWriter(System.err));
    for (String name : List.of("--json", "--project", "--out", "--target", "--jobs", "--board")) {
      for (boolean program : List.of(false, true)) {
        if (program && !name.equals("--target")) {
          continue;
        }
        List<String> descriptions = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (CommandSpec c : all(root.getCommandSpec())) {
          OptionSpec o = c.findOption(name);
          // run and debug take one program's target; build, test, package and image any number
          if (o != null && (!name.equals("--target") || PROGRAM_COMMANDS.contains(c.name()) == program)) {
            descriptions.add(String.join(" ", o.description()));
            where.add(c.qualifiedName());
          }
        }
        assertThat(where).as(name).hasSizeGreaterThan(1);
        assertThat(descriptions).as(name + " in " + where).containsOnly(descriptions.get(0));
      }
    }
  }

  @Test
  void contradictingFlagsAreOneLineAndExitTwo() {
    CliRunner r = CliRunner.run("build", "--fail-fast", "--keep-going");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("crosskit: --fail-fast, --keep-going are mutually exclusive (specify only one)");
    CliRunner jobs = CliRunner.run("test", "--jobs", "0");
    assertThat(jobs.exitCode()).isEqualTo(2);
    assertThat(jobs.err()).startsWith("crosskit: --jobs must be at least 1, got 0");
  }

  private static List<CommandSpec> all(CommandSpec spec) {
    List<CommandSpec> out = new ArrayList<>(List.of(spec));
    spec.subcommands().values().forEach(sub -> out.addAll(all(sub.getCommandSpec())));
    return out;
  }
}
