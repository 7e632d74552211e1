package dev.crosskit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.OutputDir;
import dev.crosskit.config.TargetSettings;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.base.BadInputException;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.OutputDir;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.report.ReportFiles;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.target.Boards;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options several commands share, each declared once here and mixed into the commands
 * ({@code @Mixin}): the project (or, for doctor and setup, a project if any), the output
 * directory, the targets (or a program's one target), JSON output, the job count and a
 * bare-metal board.
 */
final class SharedOptions {
  private SharedOptions() {}

  private static final String PROJECT_HELP = "The project directory (default: the current one).";

  /** {@code -C/--project DIR}. */
  static final class Project {
    @Option(names = {"-C", "--project"}, paramLabel = "DIR", description = PROJECT_HELP)
    Path project = Path.of(".");

    /** The project directory, absolute. */
    Path dir() {
      return project.toAbsolutePath().normalize();
    }

    /** Its crosskit.toml with the environment's settings (no command-line overrides). */
    ProjectConfig config() {
      return new ConfigLoader().load(dir(), System.getenv(), JsonNodeFactory.instance.objectNode());
    }
  }

  /**
   * {@code -C/--project DIR} for commands that also work outside a project (doctor, setup):
   * without it, the current directory is the project only when it has crosskit.toml (their
   * footers say so).
   */
  static final class ProjectIfAny {
    @Option(names = {"-C", "--project"}, paramLabel = "DIR", description = PROJECT_HELP)
    Path project;

    /** The project's configuration, or empty outside a project. */
    Optional<ProjectConfig> config() {
      Path dir = (project != null ? project : Path.of(".")).toAbsolutePath().normalize();
      if (project == null && !Files.isRegularFile(dir.resolve(ConfigLoader.FILE_NAME))) {
        return Optional.empty();
      }
      return Optional.of(new ConfigLoader().load(dir, System.getenv(), JsonNodeFactory.instance.objectNode()));
    }
  }

  /** {@code --out DIR}: where build and test write, and package and image read. */
  static final class Out {
    @Option(names = "--out", paramLabel = "DIR", description = "The output directory (default: <project>/target/crosskit).")
    Path out;

    OutputDir of(Project project) {
      return OutputDir.of(project.dir(), out);
    }
  }

  /** {@code -t/--target T}, repeatable. */
  static final class Targets {
    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", completionCandidates = CompletionCandidates.Targets.class,
        description = {"A target (any spelling); repeat for several.", "Default: build and test take crosskit.toml's",
            "[project] targets; package and image take every", "target of the last build."})
    List<String> targets = new ArrayList<>();

    List<String> spellings() {
      return targets;
    }
  }

  /** {@code -t/--target T}, required and once: the target a program was built for (run, debug). */
  static final class ProgramTarget {
    @Option(names = {"-t", "--target"}, required = true, paramLabel = "TARGET",
        completionCandidates = CompletionCandidates.Targets.class, description = "The program's target (any spelling).")
    String spelling;
  }

  /** {@code --board BOARD}: for a bare-metal target, another board than its own. */
  static final class Board {
    private static final String HELP_1 = "Bare-metal targets: the board to link for, run on (its QEMU machine) or check a program's";
    private static final String HELP_2 = "flash and RAM against. Default: the target's own; docs/bare-metal.md lists the boards.";

    @Option(names = "--board", paramLabel = "BOARD", completionCandidates = CompletionCandidates.Boards.class,
        description = {HELP_1, HELP_2})
    String name;

    /** The same option for a command whose model is built in code ({@link CommandSpecs}). */
    OptionSpec option() {
      return CommandSpecs.option(String.class, () -> name, v -> name = v, "--board").paramLabel("BOARD")
          .completionCandidates(new CompletionCandidates.Boards()).description(HELP_1, HELP_2).build();
    }

    /** The toolchain linking for (and a runner emulating) the board named, or {@code tc} unchanged when none was. */
    Toolchain apply(Toolchain tc, Target target) {
      return name == null ? tc : tc.forBoard(Boards.builtIn().choose(target, name, null, null), null);
    }
  }

  /**
   * {@code -C DIR}, {@code --glibc VERSION}, {@code --package PKG}: the settings a build of the
   * project would use for a target (its crosskit.toml, CROSSKIT_* variables, then these flags),
   * for the commands that hand a build's toolchain to the user's own build (env, toolchain-file).
   */
  static final class BuildSettings {
    /** The project whose crosskit.toml ([build] packages, glibc, [board]) applies. */
    @picocli.CommandLine.Mixin Project project = new Project();

    @Option(names = "--glibc", paramLabel = "VERSION",
        description = "Build against this glibc floor's sysroot, e.g. 2.31 (as [build] glibc).")
    String glibc;

    // C++ for a musl target means crosskit's libstdc++, built on first use: minutes a C-only user
    // should not have to wait for.
    @Option(names = "--no-cxx", description = {"C only: leave C++ out, so a musl target gets no libstdc++ built",
        "(by default its first use builds crosskit's libstdc++ for musl: minutes, once)."})
    boolean noCxx;

    @Option(names = "--package", paramLabel = "PKG",
        description = "A Debian library package to put in the target's sysroot (as [build] packages); repeatable.")
    List<String> packages = new ArrayList<>();

    /** The target's settings: the project's crosskit.toml (when there is one), CROSSKIT_* variables, these flags. */
    TargetSettings settings(Target target) {
      ObjectNode flags = JsonNodeFactory.instance.objectNode();
      if (glibc != null) {
        flags.with("build").put("glibc", glibc);
      }
      if (!packages.isEmpty()) {
        ArrayNode list = flags.with("build").putArray("packages");
        packages.forEach(list::add);
      }
      return new ConfigLoader().load(project.dir(), System.getenv(), flags).forTarget(target);
    }
  }

  /** {@code --json}. */
  static final class Json {
    private static final String HELP = "Print JSON instead of text.";

    @Option(names = "--json", description = HELP)
    boolean json;

    /** The same option for a command whose model is built in code ({@link CommandSpecs}). */
    OptionSpec option() {
      return CommandSpecs.option(boolean.class, () -> json, v -> json = v, "--json").description(HELP).build();
    }
  }

  /** {@code -j/--jobs N}, at least 1. */
  static final class Jobs {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;
    private Integer jobs;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
        description = "Processes (compilers, emulators) running at once across all targets. Default: the host's cores + 2.")
    void jobs(int n) {
      if (n < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + n);
      }
      jobs = n;
    }

    Optional<Integer> value() {
      return Optional.ofNullable(jobs);
    }
  }

  /** {@code --timings REPORT}: the earlier report.json whose target times a shard plan uses. */
  static final class Timings {
    @Option(names = "--timings", paramLabel = "REPORT",
        description = {"An earlier report.json whose target times the shard plan uses (default: <out>/report.json",
            "when it has every target; else a per-kind estimate). Every shard must be given the same."})
    Path file;

    /** The report given, else the output directory's when there is one. */
    Optional<MatrixReport> read(OutputDir out) {
      if (file != null) {
        Path f = file.toAbsolutePath().normalize();
        return Optional.of(Files.isDirectory(f) ? ReportFiles.read(f, "no timings") : ReportFiles.readFile(f, "no timings"));
      }
      if (!Files.isRegularFile(out.resolve(ReportFiles.REPORT))) {
        return Optional.empty();
      }
      try {
        return Optional.of(ReportFiles.read(out.path(), "no earlier report"));
      } catch (BadInputException unreadable) {
        return Optional.empty(); // an estimate serves as well as a broken report
      }
    }
  }
}
