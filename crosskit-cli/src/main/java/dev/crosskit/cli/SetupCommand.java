package dev.crosskit.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.UserException;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Setup;
import dev.crosskit.toolchain.ToolchainData;
import dev.crosskit.toolchain.ToolchainDoctor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit setup}: installs what {@code doctor} found missing. */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = "Install the Debian packages a target's toolchain and emulator need (apt-get, as root), and "
        + "register QEMU with binfmt_misc so test suites can exec target programs directly. "
        + "Idempotent: installs only what is missing, and says what it did.",
    footer = {"", "Without TARGET, inside a project (a directory with crosskit.toml, or -C DIR): sets up that",
        "project: its build system's host tools (cmake, meson, autotools, go, cargo...), each target's",
        "toolchain and runner for the project's languages (C; C++ when it has C++ sources; Go; Rust for",
        "Cargo), the sysroots its targets need (musl, glibc floors) and, for Cargo, each target's Rust std.",
        "Without TARGET outside a project: sets up the common targets for C/C++. Not root: prints the commands.",
        "Sysroots Debian does not ship (musl on other arches, ARMv6) are listed",
        "with their 'crosskit sysroot' command.",
        "Exit code: 0 when everything planned was done (or --dry-run), 1 otherwise.",
        "", "Examples:",
        "  crosskit setup                       (inside a project)",
        "  crosskit setup -C examples/rust-c",
        "  crosskit setup aarch64-linux-gnu",
        "  crosskit setup x86_64-windows-gnu armv7-linux-gnueabihf --dry-run",
        "  crosskit setup riscv64-linux-gnu --lang c,go,rust"})
final class SetupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Targets to set up (any spelling).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
  boolean dryRun;

  @Option(names = "--lang", split = ",", paramLabel = "LANG",
      description = "Languages to set up: c, c++, go, rust (default: the project's; outside a project c,c++). "
          + "The runner is always included.")
  List<String> languages = new ArrayList<>();

  @Option(names = {"-C", "--project"}, paramLabel = "DIR",
      description = "Set up this project (default: the current directory, when it has crosskit.toml).")
  Path project;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    java.util.function.Consumer<String> say = line -> {
      out.println(line);
      out.flush();
    };
    Path dir = (project != null ? project : Path.of(".")).toAbsolutePath().normalize();
    if (targets.isEmpty() && (project != null || Files.isRegularFile(dir.resolve(ConfigLoader.FILE_NAME)))) {
      ProjectConfig config = new ConfigLoader().load(dir, System.getenv(), JsonNodeFactory.instance.objectNode());
      if (config.targets().isEmpty()) {
        throw new UserException("no targets to set up: " + dir.resolve(ConfigLoader.FILE_NAME)
            + " names none ([project] targets = [...]); or pass TARGET...");
      }
      List<Target> list = CliTargets.all(spec.commandLine().getErr(), config.targets());
      boolean ok = ProjectSetup.run(config, list, new LinkedHashSet<>(languages), dryRun, say);
      return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
    List<Target> list = targets.isEmpty() ? ToolchainData.builtIn().commonTargets()
        : CliTargets.all(spec.commandLine().getErr(), targets);
    Set<String> langs = languages.isEmpty() ? Setup.DEFAULT_LANGUAGES : new LinkedHashSet<>(languages);
    Setup setup = new Setup(ToolchainDoctor.system(), new ProcessRunner(), Setup.runningAsRoot());
    Setup.Plan plan = setup.plan(list, langs);
    boolean ok = setup.apply(plan, dryRun, say);
    if (ok && !dryRun && langs.contains("rust")) {
      ok = RustStdSetup.provide(list, say);
    }
    return ok ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
