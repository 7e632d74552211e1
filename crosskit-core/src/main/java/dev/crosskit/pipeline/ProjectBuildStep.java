package dev.crosskit.pipeline;

import dev.crosskit.base.Deletion;
import dev.crosskit.build.BuildAdapter;
import dev.crosskit.base.FailedException;
import dev.crosskit.build.BuildContext;
import dev.crosskit.build.BuildStep;
import dev.crosskit.build.SourceTree;
import dev.crosskit.cache.CompileCache;
import dev.crosskit.cache.CompileCacheLog;
import dev.crosskit.config.Durations;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.toolchain.BuildTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build step: a fresh build directory (a copy of the sources for in-source builds; Cargo's
 * is kept), the build system's own environment added to the toolchain's (the adapter may fetch or
 * build a Rust std first: minutes), the compile cache in front of the C and C++ compilers, then
 * the configure and build commands — the adapter's, or [build] configure / command — each into
 * {@code logs/<name>.log} under the build timeout. The cache's hits and misses are counted from
 * the build's own ccache statistics log ({@code logs/compile-cache.log}). The adapter's configure
 * step goes through the configure cache with it ({@link CachedConfigure}).
 */
final class ProjectBuildStep implements TargetStep {
  static final String STOPPED = "stopped: another target failed (--fail-fast)";
  private static final String CONFIGURE = "configure";
  static final String INSTALL = "install";
  static final String CACHE_LOG = "compile-cache.log";

  @Override
  public Step step() {
    return Step.BUILD;
  }

  @Override
  public StepResult run(StepContext c) throws IOException, InterruptedException {
    Optional<CompileCache.Launcher> cache = compileCache(c);
    BuildContext ctx = prepare(c, cache);
    List<BuildStep> planned = commands(c, ctx);
    Optional<CachedConfigure> configureCache = Optional.empty();
    TargetSettings settings = c.settings();
    long start = System.nanoTime();
    Optional<String> warning = ReproducibleFlags.nativeCpuFlag(ctx.env(), settings).map(flag -> flag
        + " in the build flags tunes for this host's CPU, not " + c.target().name() + "'s, and makes the output"
        + " host-dependent");
    int ran = 0;
    c.installed(false);
    for (int i = 0; i <= planned.size(); i++) {
      Optional<BuildStep> next = next(c, ctx, planned, i, true);
      if (next.isEmpty()) {
        break;
      }
      BuildStep step = next.get();
      if (c.stopped()) {
        return StepResult.skipped(Step.BUILD, STOPPED);
      }
      Path log = c.log(step.name() + ".log");
      Command command = step.command().withEnv(ctx.env()).withTimeout(settings.buildTimeout());
      // asked only now: a bootstrap step may just have made the configure script
      Optional<CachedConfigure> cached = step.name().equals(CONFIGURE) ? CachedConfigure.of(c, ctx) : Optional.empty();
      Result r = cached.isPresent() ? cached.get().run(command, log, c.slotsFor(step))
          : CachedBootstrap.applies(c, step) ? CachedBootstrap.run(c, ctx, command, log, c.slotsFor(step))
          : c.run(command, log, c.slotsFor(step));
      configureCache = cached.isPresent() ? cached : configureCache;
      if (cache.isPresent()) {
        countCompilations(c);
      }
      if (!r.ok()) {
        String what = r.timedOut() ? step.name() + " timed out after " + Durations.format(settings.buildTimeout())
            + " (process tree killed)" : step.name() + " failed (exit " + r.exitCode() + ")";
        return new StepResult(Step.BUILD, Status.FAILED, StepContext.seconds(start), what, c.rel(log),
            StepContext.tail(log));
      }
      ran++;
      if (step.name().equals(INSTALL)) {
        c.installed(true);
      }
    }
    c.built(true);
    String steps = ran + " steps" + configureCache.flatMap(CachedConfigure::summary).map(s -> ", " + s).orElse("")
        + (cache.isEmpty() && wantsCompileCache(c) ? " (no compile cache: "
        + CompileCache.MISSING + ")" : "");
    return new StepResult(Step.BUILD, Status.PASSED, StepContext.seconds(start),
        warning.map(w -> "warning: " + w).orElse(steps), c.rel(c.log("build.log")), null);
  }

  /**
   * The build's step {@code i}: one of {@code planned}, then (at {@code planned.size()}, when
   * {@code install}) the adapter's install step, unless [build] install = false. The install step
   * is asked for once the build has run: a Makefile made by configure says only then whether its
   * install rule honours DESTDIR.
   */
  static Optional<BuildStep> next(StepContext c, BuildContext ctx, List<BuildStep> planned, int i, boolean install) {
    if (i < planned.size()) {
      return Optional.of(planned.get(i));
    }
    return install && c.settings().install() ? c.adapter().installStep(ctx) : Optional.empty();
  }

  /** The compile cache's hits and misses so far, from the build's statistics log. */
  private static void countCompilations(StepContext c) {
    try {
      c.compileCache(CompileCacheLog.read(c.log(CACHE_LOG)));
    } catch (IOException unreadable) {
      // the counts only report on the build: an unreadable log leaves them out, the build stands
    }
  }

  /** Whether this build's C and C++ compilations go through the compile cache: on unless turned off, for C builds. */
  private static boolean wantsCompileCache(StepContext c) {
    return c.settings().compileCache() && c.adapter().compileCached();
  }

  /** The compile cache for this target's build, when wanted and ccache is installed. */
  private static Optional<CompileCache.Launcher> compileCache(StepContext c) {
    if (!wantsCompileCache(c)) {
      return Optional.empty();
    }
    return c.host().compileCache().forBuild(c.target(), c.toolchain(),
        CompileCache.baseDir(c.run().projectDir(), c.run().outDir()), c.log(CACHE_LOG), c.settings().cacheRemote());
  }

  /**
   * Empties the target's build directory (unless the build system keeps it and builds out of
   * tree), its artifact and canary directories and the last run's logs (not this run's provision
   * log), copies the sources when the build runs in-source, and adds the build system's variables
   * and the compile cache to the environment.
   */
  private static BuildContext prepare(StepContext c, Optional<CompileCache.Launcher> cache) throws IOException {
    Path buildDir = c.dir().resolve("build");
    boolean copy = c.adapter().needsSourceCopy() || c.settings().inSource();
    if (copy || !c.adapter().keepsBuildDir()) {
      Deletion.tree(buildDir);
    }
    Deletion.tree(c.dir().resolve("artifacts"));
    Deletion.tree(c.dir().resolve("canary"));
    Deletion.tree(c.dir().resolve("stage"));
    try (var logs = Files.list(c.dir().resolve("logs"))) {
      for (Path p : logs.toList()) {
        if (!p.getFileName().toString().equals(ProvisionStep.LOG)) {
          Files.deleteIfExists(p);
        }
      }
    }
    Path projectDir = c.run().projectDir();
    Path sourceDir = projectDir;
    if (copy) {
      new SourceTree(projectDir).copyTo(buildDir);
      sourceDir = buildDir;
    } else {
      Files.createDirectories(buildDir);
    }
    List<String> launcher = cache.map(CompileCache.Launcher::prefix).orElse(List.of());
    requireBuildTools(c, sourceDir);
    BuildContext ctx = new BuildContext(c.target(), c.toolchain(), c.runner(), sourceDir, buildDir, c.dir(),
        c.environment().variables(buildDir), c.environment().flags(buildDir).withLauncher(launcher), c.settings(),
        c.run().buildJobs(), c.jobserverBuild(), c.host(), launcher);
    Map<String, String> own = c.adapter().environment(ctx);
    c.environment(c.environment().withAdapterVariables(own).withCompileCache(cache.orElse(null)));
    ctx = ctx.withEnv(c.environment().variables(buildDir));
    c.build(ctx);
    return ctx;
  }

  /**
   * Fails at once, naming the fix, when the build system's own host programs are missing (a
   * build would otherwise stop at "cannot start autoreconf", or after minutes of Rust std).
   */
  private static void requireBuildTools(StepContext c, Path sourceDir) {
    BuildTools tools = BuildTools.builtIn();
    String system = c.adapter().name();
    List<BuildTools.Status> missing = tools.check(tools.required(system, sourceDir), c.host().tools()).stream()
        .filter(s -> s.found().isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new FailedException("this " + system + " build needs " + String.join(", ", missing.stream()
          .map(s -> s.tool().name() + " (" + s.tool().program() + ")").toList()) + ", not installed here: run 'crosskit setup -C "
          + c.run().projectDir() + "' (as root; or apt-get install " + String.join(" ", BuildTools.missingPackages(missing))
          + ")");
    }
  }

  /**
   * The adapter's configure and build commands, with [build] configure / command in their place
   * when set ([build] configure runs before the build when the adapter has no configure step of
   * its own: make, command). The install step comes after these ({@link #install}).
   */
  static List<BuildStep> commands(StepContext c, BuildContext ctx) throws IOException {
    TargetSettings settings = c.settings();
    BuildAdapter adapter = c.adapter();
    boolean command = adapter.name().equals("command");
    List<BuildStep> out = new ArrayList<>();
    List<BuildStep> own = adapter.buildSteps(ctx);
    boolean hasConfigure = own.stream().anyMatch(s -> s.name().equals(CONFIGURE));
    for (BuildStep s : own) {
      if (s.name().equals("build") && !hasConfigure) {
        settings.configure().ifPresent(argv -> out.add(new BuildStep(CONFIGURE, adapter.custom(ctx, argv))));
      }
      Optional<List<String>> custom = s.name().equals(CONFIGURE) ? settings.configure()
          : s.name().equals("build") && !command ? settings.buildCommand() : Optional.empty();
      out.add(custom.map(argv -> new BuildStep(s.name(), adapter.custom(ctx, argv))).orElse(s));
    }
    return out;
  }
}
