package dev.crosskit.build;

import dev.crosskit.base.HostTools;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.exec.Command;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns a project of one build system into the steps that build and test it for a target. */
public interface BuildAdapter {
  /** The name used in crosskit.toml's {@code project.build}. */
  String name();

  /**
   * Whether the build's tools take their parallel jobs from a GNU make jobserver in MAKEFLAGS
   * (make, CMake's Makefiles, cargo): crosskit's pool then hands them tokens as they free up,
   * instead of a fixed -j. {@code tools} are this machine's programs (the build tool used may
   * depend on what is installed).
   */
  default boolean jobserverClient(HostTools tools) {
    return false;
  }

  /**
   * Whether the build runs in a private copy of the sources (plain Make, command builds, or
   * autotools projects that must be bootstrapped), rather than out of tree.
   */
  default boolean needsSourceCopy() {
    return false;
  }

  /**
   * Whether the build needs a complete C toolchain for the target. A pure-Go build does not, so
   * it still runs for targets that have no C cross compiler here.
   */
  default boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
    return true;
  }

  /**
   * Variables this build system needs beyond the toolchain's (Go's and Cargo's own); they go
   * under the user's [build] env, which still wins. May prepare what they point at (a Rust
   * standard library for the target, for example).
   */
  default Map<String, String> environment(BuildContext ctx) throws IOException {
    return Map.of();
  }

  /**
   * Whether crosskit's compile cache goes in front of this build's C and C++ compilers. Cargo and
   * Go keep their own: Cargo's target directory, which survives between runs, and GOCACHE.
   */
  default boolean compileCached() {
    return true;
  }

  /**
   * Whether the build directory is kept from one run to the next rather than made afresh: Cargo's
   * target directory is its compile cache, and Cargo itself knows what in it is out of date.
   */
  default boolean keepsBuildDir() {
    return false;
  }

  /** Writes what the build needs (toolchain files) and returns the configure and build steps. */
  List<BuildStep> buildSteps(BuildContext ctx) throws IOException;

  /**
   * How this build's configure step is given back the check results of an earlier identical one
   * (the configure cache); asked when the configure step is about to run (after a bootstrap
   * generated the script). Empty when the build system cannot take them.
   */
  default Optional<ConfigureChecks> configureChecks(BuildContext ctx) {
    return Optional.empty();
  }

  /** Where the build leaves its deliverables (searched for artifacts); the build directory by default. */
  default Path artifactDir(BuildContext ctx) {
    return ctx.buildDir();
  }

  /**
   * The command that installs the build into {@link BuildContext#stageDir()} ({@code make install
   * DESTDIR=...}, {@code DESTDIR=... cmake --install}, {@code meson install --destdir ...}), whose
   * tree the artifacts are then collected from; empty when the project has no install step.
   */
  default Optional<BuildStep> installStep(BuildContext ctx) {
    return Optional.empty();
  }

  /** Where the installed files start in the staging directory ({@link InstallTree#root}). */
  default Path installRoot(BuildContext ctx) {
    return InstallTree.root(ctx.stageDir());
  }

  /**
   * The user's own command for a step ([build] command, [test] command) as this adapter runs it:
   * in the sources. The make adapter adds its variables when the command is make.
   */
  default Command custom(BuildContext ctx, List<String> argv) {
    return Command.of(argv).withCwd(ctx.sourceDir());
  }

  /**
   * Files in the build directory that are not deliverables although they look like ones: test
   * programs and tools for the build machine the build system knows of (relative to the build
   * directory). Used only when nothing was installed.
   */
  default Set<Path> notDeliverables(BuildContext ctx) {
    return Set.of();
  }

  /** The step that runs the project's own tests. */
  BuildStep testStep(BuildContext ctx);

  /** Reads per-test results from the test step's output. */
  TestParser testParser();
}
