package dev.crosskit.pipeline;

import dev.crosskit.cache.CompileCache;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Runner;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchainfile.CompilerFlags;
import dev.crosskit.toolchainfile.ToolchainEnv;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The environment a target's build runs with, in layers, each over the one before: the
 * toolchain's variables and host compilers for tools that run during the build (the
 * host-tool / target-artifact split); the build system's own variables (Go's, Cargo's); the
 * compile cache in front of the compilers ({@link CompileCache.Launcher}); the
 * reproducibility settings ({@link ReproducibleFlags}, which depend on the build directory); and
 * the user's [build] cflags and env, which have the last word.
 *
 * <p>crosskit's compile flags (the target's, the reproducibility flags, then [build] cflags) go
 * with the compiler ({@link CompilerFlags}): CFLAGS and CXXFLAGS stay unset, so the project's
 * own defaults (autoconf's {@code -g -O2}, a Makefile's {@code CFLAGS ?= -O3}) apply, unless the
 * user's [build] env sets them, which then replace those defaults as on a command line. The
 * user's LDFLAGS are appended to crosskit's (the link flags of musl and sysroot builds).
 * Immutable: adding the build system's layer gives a new environment.
 */
final class BuildEnvironment {
  private static final Map<String, String> HOST_TOOLS = Map.of(
      "CC_FOR_BUILD", "cc", "CXX_FOR_BUILD", "c++", "BUILD_CC", "cc", "HOSTCC", "cc");

  private final Toolchain toolchain;
  private final Optional<Runner> runner;
  private final Map<String, String> adapter;
  private final TargetSettings settings;
  /** SOURCE_DATE_EPOCH, or null when reproducibility is off ([build] reproducible = false). */
  private final Long epoch;
  private final Path projectDir;
  /** ccache in front of the compilers, or null. */
  private final CompileCache.Launcher launcher;

  private BuildEnvironment(Toolchain toolchain, Optional<Runner> runner, Map<String, String> adapter,
      TargetSettings settings, Long epoch, Path projectDir, CompileCache.Launcher launcher) {
    this.toolchain = toolchain;
    this.runner = runner;
    this.adapter = Map.copyOf(adapter);
    this.launcher = launcher;
    this.settings = settings;
    this.epoch = epoch;
    this.projectDir = projectDir;
  }

  /** A build's environment; the epoch is looked up only when reproducibility is on. */
  static BuildEnvironment forBuild(Toolchain tc, Optional<Runner> runner, TargetSettings settings, Path projectDir,
      Supplier<Long> epoch) {
    return new BuildEnvironment(tc, runner, Map.of(), settings,
        ReproducibleFlags.enabled(settings) ? epoch.get() : null, projectDir, null);
  }

  /** The same environment with the build system's variables added (under the reproducibility flags and the user's). */
  BuildEnvironment withAdapterVariables(Map<String, String> variables) {
    return new BuildEnvironment(toolchain, runner, variables, settings, epoch, projectDir, launcher);
  }

  /** The same environment with the compile cache in front of the compilers (null: without). */
  BuildEnvironment withCompileCache(CompileCache.Launcher cache) {
    return new BuildEnvironment(toolchain, runner, adapter, settings, epoch, projectDir, cache);
  }

  /** The reproducibility flags for a build directory, when on. */
  Optional<ReproducibleFlags> reproducible(Path buildDir) {
    return epoch == null ? Optional.empty()
        : Optional.of(new ReproducibleFlags(epoch, List.of(projectDir, buildDir), toolchain.target().rustTriple()));
  }

  /** crosskit's compile and link flags for a build in {@code buildDir}: the toolchain's, reproducibility's, [build] cflags. */
  CompilerFlags flags(Path buildDir) {
    CompilerFlags flags = CompilerFlags.of(toolchain);
    Optional<ReproducibleFlags> r = reproducible(buildDir);
    if (r.isPresent()) {
      flags = flags.withCompile(r.get().compileFlags());
    }
    String extra = settings.cflags().strip();
    return extra.isEmpty() ? flags : flags.withCompile(Arrays.asList(extra.split("\\s+")));
  }

  /** Every variable, for a build in {@code buildDir} (the reproducibility flags map it to "."). */
  Map<String, String> variables(Path buildDir) {
    Map<String, String> env = new LinkedHashMap<>(ToolchainEnv.variables(toolchain, runner, flags(buildDir)));
    HOST_TOOLS.forEach(env::putIfAbsent);
    env.putAll(adapter);
    if (launcher != null) {
      launcher.applyTo(env);
    }
    reproducible(buildDir).ifPresent(r -> {
      env.put("SOURCE_DATE_EPOCH", Long.toString(r.sourceDateEpoch()));
      r.appended().forEach((k, v) -> append(env, k, v));
    });
    settings.env().forEach((k, v) -> {
      if (k.equals("LDFLAGS")) {
        append(env, k, v);
      } else {
        env.put(k, v);
      }
    });
    return env;
  }

  private static void append(Map<String, String> env, String key, String value) {
    String old = env.getOrDefault(key, "");
    env.put(key, old.isBlank() ? value : old + " " + value);
  }
}
