package dev.crosskit.cli;

import dev.crosskit.UserException;
import dev.crosskit.build.ProjectNeeds;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.emulate.Runners;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.sysroot.BuildSysroots;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.BuildTools;
import dev.crosskit.toolchain.HostTools;
import dev.crosskit.toolchain.Setup;
import dev.crosskit.toolchain.ToolchainDoctor;
import dev.crosskit.toolchain.ToolchainFinder;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sets up what a project needs, in order: the Debian packages (its build system's host tools,
 * each target's toolchain and runner for the project's languages), then what crosskit makes in
 * its cache (the sysroots the targets' settings call for: musl, glibc floors, library packages),
 * then each target's Rust std for a Cargo project. {@code crosskit setup} inside a project,
 * {@code build --setup}, {@code test --setup} and {@code demo} run it.
 */
final class ProjectSetup {
  private ProjectSetup() {}

  /**
   * @param languages the languages to set up, or empty for the project's own ({@link ProjectNeeds})
   * @return true when everything was set up (with {@code dryRun}: when the plan could be made)
   */
  static boolean run(ProjectConfig config, List<Target> targets, Set<String> languages, boolean dryRun,
      Consumer<String> say) {
    ProjectNeeds needs = ProjectNeeds.of(config, targets);
    Set<String> langs = languages.isEmpty() ? needs.languages() : languages;
    say.accept("Setting up " + config.projectDir() + ": " + needs.describe() + "; targets "
        + String.join(", ", targets.stream().map(Target::name).toList()));
    // Sysroots a build (or this setup) makes count as available: only packages are installed by apt.
    ToolchainDoctor doctor = new ToolchainDoctor(ToolchainFinder.system().withSysroots(BuildSysroots.onFirstBuild()),
        Runners.system(), Binfmt.system());
    Setup setup = new Setup(doctor, new ProcessRunner(), Setup.runningAsRoot());
    List<BuildTools.Status> tools = BuildTools.builtIn().check(needs.tools(), HostTools.system());
    Setup.Plan plan = setup.plan(targets, langs).withPackages(BuildTools.missingPackages(tools));
    if (!setup.apply(plan, dryRun, say)) {
      if (!dryRun) {
        say.accept("Not making sysroots or the Rust std until the packages above are installed.");
      }
      return dryRun;
    }
    if (dryRun) {
      return true;
    }
    boolean ok = sysroots(config, targets, say);
    if (langs.contains("rust")) {
      ok &= RustStdSetup.provide(targets, say);
    }
    return ok;
  }

  /** Makes the sysroots the targets' settings call for, as a build would on first use. */
  private static boolean sysroots(ProjectConfig config, List<Target> targets, Consumer<String> say) {
    boolean ok = true;
    for (Target t : targets) {
      TargetSettings s = config.forTarget(t);
      BuildSysroots sysroots = BuildSysroots.forBuild(s.packages(), s.glibc().orElse(null), say);
      if (!sysroots.applies(t)) {
        continue;
      }
      try {
        sysroots.sysrootFor(t).ifPresent(p -> say.accept("Sysroot for " + t.name() + ": " + p.root()));
      } catch (UserException | UncheckedIOException e) {
        say.accept("Sysroot for " + t.name() + ": FAILED: " + e.getMessage());
        ok = false;
      }
    }
    return ok;
  }
}
