package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.doctor.CxxSetup;
import dev.crosskit.doctor.ProjectSetup;
import dev.crosskit.doctor.RustStdSetup;
import dev.crosskit.doctor.Setup;
import dev.crosskit.doctor.ToolchainDoctor;
import dev.crosskit.host.Host;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.ToolchainData;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit setup}: installs what {@code doctor} found missing, or what a project needs. */
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
        "with their 'crosskit sysroot' command. With C++ (the default), musl targets",
        "also get crosskit's libstdc++ for musl, built into the cache (minutes, once).",
        "Exit code: 0 when everything planned was done (or --dry-run), 1 otherwise.",
        "", "Examples:",
        "  crosskit setup                       # inside a project",
        "  crosskit setup -C examples/rust-c",
        "  crosskit setup aarch64-linux-gnu",
        "  crosskit setup x86_64-windows-gnu armv7-linux-gnueabihf --dry-run",
        "  crosskit setup riscv64-linux-gnu --lang c,go,rust"})
final class SetupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Targets to set up (any spelling).",
      completionCandidates = CompletionCandidates.Targets.class)
  List<String> targets = new ArrayList<>();

  @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
  boolean dryRun;

  @Option(names = "--lang", split = ",", paramLabel = "LANG",
      description = "Languages to set up: c, c++, go, rust, and debug for crosskit debug's gdb-multiarch "
          + "(default: the project's; outside a project c,c++). The runner is always included.")
  List<String> languages = new ArrayList<>();

  @Mixin SharedOptions.ProjectIfAny project;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Consumer<String> say = line -> {
      out.println(line);
      out.flush();
    };
    Host host = Main.host(spec);
    Optional<ProjectConfig> config = targets.isEmpty() ? project.config() : Optional.empty();
    if (config.isPresent()) {
      if (config.get().targets().isEmpty()) {
        throw new BadInputException("no targets to set up: " + config.get().projectDir().resolve(ConfigLoader.FILE_NAME)
            + " names none ([project] targets = [...]); or pass TARGET...");
      }
      List<Target> list = CliTargets.all(spec.commandLine().getErr(), config.get().targets());
      boolean ok = ProjectSetup.run(host, config.get(), list, new LinkedHashSet<>(languages), dryRun, say);
      return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
    List<Target> list = targets.isEmpty() ? ToolchainData.builtIn().commonTargets()
        : CliTargets.all(spec.commandLine().getErr(), targets);
    Set<String> langs = languages.isEmpty() ? Setup.DEFAULT_LANGUAGES : new LinkedHashSet<>(languages);
    Setup setup = new Setup(ToolchainDoctor.of(host, host.installedFinder()), host.processes(), Setup.runningAsRoot());
    Setup.Plan plan = setup.plan(list, langs);
    boolean ok = setup.apply(plan, dryRun, say);
    if (ok && CxxSetup.wanted(langs)) {
      ok = CxxSetup.provide(host, list, dryRun, say);
    }
    if (ok && !dryRun && langs.contains("rust")) {
      ok = RustStdSetup.provide(host, list, say);
    }
    return ok ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
