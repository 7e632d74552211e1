package dev.crosskit.doctor;

import dev.crosskit.base.UserException;
import dev.crosskit.build.ProjectNeeds;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.host.Host;
import dev.crosskit.sysroot.BuildSysroots;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.BuildTools;
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
public final class ProjectSetup {
  private ProjectSetup() {}

  /**
   * @param languages the languages to set up, or empty for the project's own ({@link ProjectNeeds})
   * @return true when everything was set up (with {@code dryRun}: when the plan could be made)
   */
  public static boolean run(Host host, ProjectConfig config, List<Target> targets, Set<String> languages,
      boolean dryRun, Consumer<String> say) {
    ProjectNeeds needs = ProjectNeeds.of(config, targets);
    Set<String> langs = languages.isEmpty() ? needs.languages() : languages;
    say.accept("Setting up " + config.projectDir() + ": " + needs.describe() + "; targets "
        + String.join(", ", targets.stream().map(Target::name).toList()));
    // Sysroots a build (or this setup) makes count as available: only packages are installed by apt.
    Setup setup = new Setup(ToolchainDoctor.of(host, host.finderWithoutDownloads()), host.processes(),
        Setup.runningAsRoot());
    List<BuildTools.Status> tools = BuildTools.builtIn().check(needs.tools(), host.tools());
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
    boolean ok = sysroots(host, config, targets, say);
    if (CxxSetup.wanted(langs)) {
      ok &= CxxSetup.provide(host, targets, false, say);
    }
    if (langs.contains("rust")) {
      ok &= RustStdSetup.provide(host, targets, say);
    }
    return ok;
  }

  /** Makes the sysroots the targets' settings call for, as a build would on first use. */
  private static boolean sysroots(Host host, ProjectConfig config, List<Target> targets, Consumer<String> say) {
    boolean ok = true;
    for (Target t : targets) {
      TargetSettings s = config.forTarget(t);
      BuildSysroots sysroots = host.buildSysroots(s.packages(), s.glibc().orElse(null), say);
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
