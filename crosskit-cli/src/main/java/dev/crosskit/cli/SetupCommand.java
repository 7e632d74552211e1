package dev.crosskit.cli;

import dev.crosskit.doctor.CxxSetup;
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
    footer = {"", "Without TARGET, sets up the common targets. Not root: prints the commands.",
        "Sysroots Debian does not ship (musl on other arches, ARMv6) are listed",
        "with their 'crosskit sysroot' command. With C++ (the default), musl targets",
        "also get crosskit's libstdc++ for musl, built into the cache (minutes, once).",
        "Exit code: 0 when everything planned was done (or --dry-run), 1 otherwise.",
        "", "Examples:",
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
          + "(default: c,c++). The runner is always included.")
  List<String> languages = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Target> list = targets.isEmpty() ? ToolchainData.builtIn().commonTargets()
        : CliTargets.all(spec.commandLine().getErr(), targets);
    Set<String> langs = languages.isEmpty() ? Setup.DEFAULT_LANGUAGES : new LinkedHashSet<>(languages);
    Host host = Main.host(spec);
    Setup setup = new Setup(ToolchainDoctor.of(host, host.installedFinder()), host.processes(), Setup.runningAsRoot());
    Setup.Plan plan = setup.plan(list, langs);
    boolean ok = setup.apply(plan, dryRun, line -> {
      out.println(line);
      out.flush();
    });
    if (ok && CxxSetup.wanted(langs)) {
      ok = CxxSetup.provide(host, list, dryRun, line -> {
        out.println(line);
        out.flush();
      }) && ok;
    }
    if (ok && !dryRun && langs.contains("rust")) {
      ok = RustStdSetup.provide(host, list, line -> {
        out.println(line);
        out.flush();
      });
    }
    return ok ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
