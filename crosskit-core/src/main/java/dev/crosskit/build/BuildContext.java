package dev.crosskit.build;

import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Runner;
import dev.crosskit.host.Host;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchainfile.CompilerFlags;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an adapter needs to turn a project into build and test steps for one target.
 *
 * @param sourceDir the project's sources (a private copy when the build runs in-source)
 * @param buildDir where the build writes; adapters never write into {@code sourceDir} otherwise
 * @param workDir the target's crosskit directory (toolchain files go here, outside the build dir)
 * @param env the full environment for the build: toolchain variables plus the user's
 * @param flags crosskit's compile and link flags for this build (in {@code env}'s CC, CXX and
 *     LDFLAGS too), for toolchain files; their launcher is {@code compilerLauncher}
 * @param jobs how many parallel compile jobs this build may use, when it is not a jobserver client
 * @param jobserver true when the build's tools get their jobs from crosskit's jobserver (MAKEFLAGS,
 *     inherited): a jobserver client then passes no -j of its own, which would override it
 * @param host the machine's wiring: processes, the cache, the Rust std provider
 * @param compilerLauncher what goes in front of the C and C++ compilers (the compile cache), or empty
 */
public record BuildContext(
    Target target,
    Toolchain toolchain,
    Optional<Runner> runner,
    Path sourceDir,
    Path buildDir,
    Path workDir,
    Map<String, String> env,
    CompilerFlags flags,
    TargetSettings settings,
    int jobs,
    boolean jobserver,
    Host host,
    List<String> compilerLauncher) {
  public BuildContext {
    compilerLauncher = List.copyOf(compilerLauncher);
  }

  /** The staging directory the install step installs into ({@code <target>/stage}), outside the build directory. */
  public Path stageDir() {
    return workDir.resolve("stage");
  }

  /** The same context with another environment. */
  public BuildContext withEnv(Map<String, String> newEnv) {
    return new BuildContext(target, toolchain, runner, sourceDir, buildDir, workDir,
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(newEnv)), flags, settings, jobs, jobserver,
        host, compilerLauncher);
  }
}
