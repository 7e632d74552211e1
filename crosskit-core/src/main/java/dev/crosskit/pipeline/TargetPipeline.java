package dev.crosskit.pipeline;

import dev.crosskit.build.Deletion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.UserException;
import dev.crosskit.build.ArtifactCollector;
import dev.crosskit.build.AtomicFiles;
import dev.crosskit.build.BuildAdapter;
import dev.crosskit.build.BuildContext;
import dev.crosskit.build.BuildStep;
import dev.crosskit.build.SourceDateEpoch;
import dev.crosskit.build.TestCase;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.Runners;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.report.Json;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.BuildTools;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainFinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one target through provision, build, verify, canary and test, writing everything under
 * {@code <out>/<target>/}: {@code build/}, {@code logs/<step>.log}, {@code artifacts/},
 * {@code canary/} and {@code state.json} (the cache key and last result).
 */
final class TargetPipeline {
  private static final Duration CANARY_TIMEOUT = Duration.ofSeconds(120);
  private static final int TAIL_LINES = 15;

  private final Target target;
  private final TargetSettings settings;
  private final BuildAdapter adapter;
  private final Path projectDir;
  private final String sourceFingerprint;
  private final PipelineOptions options;
  private final JobSlots slots;
  private final int buildJobs;
  private final ProgressListener listener;
  private final ToolchainFinder finder;
  private final AtomicBoolean stop;
  private final ProcessRunner processes = new ProcessRunner();
  private final Path dir;
  private final List<StepResult> steps = new ArrayList<>();
  /** The build system's own variables (Go's, Cargo's), known once the adapter has prepared. */
  private Map<String, String> adapterVariables = Map.of();
  private final List<String> warnings = new ArrayList<>();

  TargetPipeline(Target target, TargetSettings settings, BuildAdapter adapter, Path projectDir,
      String sourceFingerprint, PipelineOptions options, JobSlots slots, int buildJobs,
      ProgressListener listener, ToolchainFinder finder, AtomicBoolean stop) {
    this.target = target;
    this.settings = settings;
    this.adapter = adapter;
    this.projectDir = projectDir;
    this.sourceFingerprint = sourceFingerprint;
    this.options = options;
    this.slots = slots;
    this.buildJobs = buildJobs;
    this.listener = listener;
    this.finder = finder;
    this.stop = stop;
    this.dir = options.outDir().resolve(target.name());
  }

  TargetResult run() {
    long start = System.nanoTime();
    List<TestCase> tests = new ArrayList<>();
    List<Artifact> artifacts = new ArrayList<>();
    String toolchainText = null;
    String runnerText = null;
    boolean emulated = false;
    try {
      Files.createDirectories(dir.resolve("logs"));
      listener.stepStarted(target.name(), "provision");
      Toolchain tc;
      try {
        tc = Provision.toolchain(finder, target, settings, dir.resolve("logs").resolve(Provision.LOG));
      } catch (UserException e) {
        if (adapter.needsCCompiler(target, projectDir, settings)) {
          record(new StepResult("provision", Status.FAILED, 0, e.getMessage(), null, null));
          return finish(start, null, null, false, tests, artifacts, false);
        }
        tc = finder.assess(target).toolchain(); // pure Go needs no C compiler; Cargo may bring its own (musl)
      }
      Optional<Runner> runner = Runners.forTarget(target, tc);
      toolchainText = !tc.complete() ? "no C toolchain" : tc.kind() + " " + tc.cc().getFileName();
      runnerText = runner.map(Runner::name).orElse(null);
      emulated = runner.map(Runner::emulated).orElse(false);
      record(new StepResult("provision", Status.PASSED, 0, toolchainText
          + runner.map(r -> ", runs via " + r.name()).orElse(", cannot run here"), null, null));

      String key = cacheKey(tc);
      Optional<TargetResult> cached = options.rebuild() ? Optional.empty() : cachedResult(key);
      if (cached.isPresent()) {
        TargetResult c = cached.get();
        List<StepResult> cachedSteps = c.steps().stream().map(StepResult::asCached).toList();
        cachedSteps.forEach(s -> listener.stepFinished(target.name(), s));
        TargetResult r = new TargetResult(target.name(), c.toolchain(), c.runner(), c.emulated(), cachedSteps,
            c.tests(), c.artifacts(), seconds(start), true);
        listener.targetFinished(r);
        return r;
      }

      Map<String, String> env = environment(tc, runner, dir.resolve("build"));
      BuildContext ctx = prepare(tc, runner, env);
      listener.stepStarted(target.name(), "build"); // the adapter may first fetch or build a Rust std: minutes
      requireBuildTools(ctx.sourceDir());
      adapterVariables = adapter.environment(ctx);
      if (!adapterVariables.isEmpty()) {
        env = environment(tc, runner, dir.resolve("build"));
        ctx = ctx.withEnv(env);
      }
      boolean built = build(ctx);
      if (built) {
        built = collect(ctx, artifacts);
      }
      if (built) {
        verify(artifacts);
      } else {
        skip("verify", "build failed");
      }
      if (options.checkReproducible()) {
        checkReproducible(built, ctx, tc, runner);
      }
      if (!options.runTests()) {
        // crosskit build: no canary, no tests
      } else if (runner.isEmpty()) {
        String why = "cannot run " + target.name() + " programs on this host: " + Runners.system().gap(target)
            .map(Object::toString).orElse("no runner") + "; run 'crosskit setup " + target.name() + "'";
        record(new StepResult("canary", Status.FAILED, 0, why, null, null));
        record(new StepResult("test", Status.FAILED, 0, why, null, null));
      } else {
        if (settings.canary() && !tc.complete()) {
          skip("canary", "no complete C toolchain for " + target.name() + " (not needed by this build)");
        } else if (settings.canary()) {
          canary(tc, runner.get(), env);
        } else {
          skip("canary", "disabled in crosskit.toml");
        }
        if (!settings.testsEnabled()) {
          skip("test", "disabled in crosskit.toml");
        } else if (built) {
          test(ctx, tests);
        } else {
          skip("test", "build failed");
        }
      }
      TargetResult result = finish(start, toolchainText, runnerText, emulated, tests, artifacts, false);
      saveState(key, result);
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      record(new StepResult("stopped", Status.FAILED, 0, "interrupted", null, null));
      return finish(start, toolchainText, runnerText, emulated, tests, artifacts, false);
    } catch (IOException | UncheckedIOException | UserException e) {
      record(new StepResult("error", Status.FAILED, 0, e.getMessage(), null, null));
      return finish(start, toolchainText, runnerText, emulated, tests, artifacts, false);
    }
  }

  /**
   * Fails at once, naming the fix, when the build system's own host programs are missing (a
   * build would otherwise stop at "cannot start autoreconf").
   */
  private void requireBuildTools(Path sourceDir) {
    BuildTools tools = BuildTools.builtIn();
    List<BuildTools.Status> missing = tools.check(tools.required(adapter.name(), sourceDir), finder.tools()).stream()
        .filter(s -> s.found().isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new UserException("this " + adapter.name() + " build needs " + String.join(", ", missing.stream()
          .map(s -> s.tool().name() + " (" + s.tool().program() + ")").toList()) + ", not installed here: run 'crosskit setup -C "
          + projectDir + "' (as root; or apt-get install " + String.join(" ", BuildTools.missingPackages(missing)) + ")", 1);
    }
  }

  private TargetResult finish(long start, String tc, String runner, boolean emulated, List<TestCase> tests,
      List<Artifact> artifacts, boolean cached) {
    TargetResult r = new TargetResult(target.name(), tc, runner, emulated, List.copyOf(steps), List.copyOf(tests),
        List.copyOf(artifacts), seconds(start), cached);
    listener.targetFinished(r);
    return r;
  }

  private BuildContext prepare(Toolchain tc, Optional<Runner> runner, Map<String, String> env) throws IOException {
    Path buildDir = dir.resolve("build");
    Deletion.tree(buildDir);
    Deletion.tree(dir.resolve("artifacts"));
    Deletion.tree(dir.resolve("canary"));
    try (var logs = Files.list(dir.resolve("logs"))) {
      for (Path p : logs.toList()) {
        if (p.getFileName().toString().equals(Provision.LOG)) {
          continue; // this run's: provision comes before prepare
        }
        Files.deleteIfExists(p);
      }
    }
    Path sourceDir = projectDir;
    if (adapter.needsSourceCopy() || settings.inSource()) {
      new dev.crosskit.build.SourceTree(projectDir).copyTo(buildDir);
      sourceDir = buildDir;
    } else {
      Files.createDirectories(buildDir);
    }
    return new BuildContext(target, tc, runner, sourceDir, buildDir, dir, env, settings, buildJobs);
  }

  /** The build environment for a build directory, with the reproducibility flags unless turned off. */
  private Map<String, String> environment(Toolchain tc, Optional<Runner> runner, Path buildDir) {
    Optional<ReproducibleFlags> flags = ReproducibleFlags.enabled(settings)
        ? Optional.of(new ReproducibleFlags(SourceDateEpoch.of(projectDir, System.getenv()).seconds(),
            List.of(projectDir, buildDir), target.rustTriple()))
        : Optional.empty();
    return BuildEnvironment.of(tc, runner, settings, flags, adapterVariables);
  }

  private void checkReproducible(boolean built, BuildContext ctx, Toolchain tc, Optional<Runner> runner)
      throws IOException, InterruptedException {
    if (!built) {
      skip("reproducible", "build failed");
      return;
    }
    listener.stepStarted(target.name(), "reproducible");
    record(new ReproducibilityCheck(processes, slots, buildJobs).run(projectDir, ctx, d -> environment(tc, runner, d),
        c -> overridden(adapter.buildSteps(c), c), options.outDir()));
  }

  private boolean build(BuildContext ctx) throws IOException, InterruptedException {
    List<BuildStep> planned = overridden(adapter.buildSteps(ctx), ctx);
    listener.stepStarted(target.name(), "build");
    long start = System.nanoTime();
    ReproducibleFlags.nativeCpuFlag(ctx.env(), settings).ifPresent(flag -> warnings.add(flag
        + " in the build flags tunes for this host's CPU, not " + target.name() + "'s, and makes the output host-dependent"));
    for (BuildStep step : planned) {
      if (stop.get()) {
        record(StepResult.skipped("build", "stopped: another target failed (--fail-fast)"));
        return false;
      }
      Path log = dir.resolve("logs").resolve(step.name() + ".log");
      Result r;
      try (var held = slots.acquire(step.name().equals("build") ? buildJobs : 1)) {
        r = processes.toLog(step.command().withEnv(ctx.env()).withTimeout(settings.buildTimeout()), log);
      }
      checkInterrupted();
      if (!r.ok()) {
        String what = r.timedOut() ? step.name() + " timed out after " + settings.buildTimeout().toMinutes()
            + " min (process tree killed)" : step.name() + " failed (exit " + r.exitCode() + ")";
        record(new StepResult("build", Status.FAILED, seconds(start), what, rel(log), tail(log)));
        return false;
      }
    }
    record(new StepResult("build", Status.PASSED, seconds(start), warnings.isEmpty() ? planned.size() + " steps"
        : "warning: " + String.join("; ", warnings), rel(dir.resolve("logs").resolve("build.log")), null));
    return true;
  }

  /** [build] configure / command replace the adapter's own configure and build commands. */
  private List<BuildStep> overridden(List<BuildStep> steps, BuildContext ctx) {
    List<BuildStep> out = new ArrayList<>();
    for (BuildStep s : steps) {
      Optional<List<String>> custom = s.name().equals("configure") ? settings.configure()
          : s.name().equals("build") && !adapter.name().equals("command") ? settings.buildCommand() : Optional.empty();
      out.add(custom.map(argv -> new BuildStep(s.name(), Command.of(argv).withCwd(ctx.sourceDir()))).orElse(s));
    }
    return out;
  }

  private boolean collect(BuildContext ctx, List<Artifact> artifacts) throws IOException {
    Path from = adapter.artifactDir(ctx);
    List<Path> found = Files.isDirectory(from) ? ArtifactCollector.collect(from, settings.artifacts()) : List.of();
    if (found.isEmpty()) {
      String why = settings.artifacts().isEmpty()
          ? "the build produced no executables or shared libraries; name them with [build] artifacts = [...]"
          : "no file matched [build] artifacts " + settings.artifacts();
      record(new StepResult("collect", Status.FAILED, 0, why, null, null));
      return false;
    }
    Path out = dir.resolve("artifacts");
    for (Path rel : found) {
      Path dest = out.resolve(rel.getFileName().toString());
      AtomicFiles.copy(from.resolve(rel), dest);
      artifacts.add(new Artifact(rel(dest), Files.size(dest), sha256(dest), null, null, false, List.of()));
    }
    return true;
  }

  private void verify(List<Artifact> artifacts) {
    listener.stepStarted(target.name(), "verify");
    long start = System.nanoTime();
    var policy = ArtifactVerifier.policy(target, settings.verify(), settings.glibc().orElse(null));
    boolean allPassed = true;
    List<String> identities = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < artifacts.size(); i++) {
      Artifact a = artifacts.get(i);
      var v = ArtifactVerifier.verify(options.outDir().resolve(a.path()), policy);
      artifacts.set(i, new Artifact(a.path(), a.size(), a.sha256(), v.matchedTarget(), v.identity(), v.passed(),
          v.findings()));
      allPassed &= v.passed();
      if (!identities.contains(v.identity())) {
        identities.add(v.identity());
      }
      v.findings().stream().filter(f -> f.startsWith("FAIL")).forEach(f -> problems.add(
          Path.of(a.path()).getFileName() + ": " + f));
    }
    String summary = allPassed ? String.join("; ", identities) : String.join("; ", problems);
    record(new StepResult("verify", allPassed ? Status.PASSED : Status.FAILED, seconds(start), summary, null, null));
  }

  private void canary(Toolchain tc, Runner runner, Map<String, String> env) throws IOException, InterruptedException {
    listener.stepStarted(target.name(), "canary");
    long start = System.nanoTime();
    Path cdir = dir.resolve("canary");
    Path log = dir.resolve("logs").resolve("canary.log");
    for (Command c : Canary.compileCommands(tc, cdir)) {
      Result r;
      try (var held = slots.acquire(1)) {
        r = processes.toLog(c.withEnv(env).withCwd(cdir).withTimeout(settings.buildTimeout()), log);
      }
      checkInterrupted();
      if (!r.ok()) {
        record(new StepResult("canary", Status.FAILED, seconds(start), "the canary did not compile", rel(log), tail(log)));
        return;
      }
    }
    Command run = runner.wrap(Command.of(Canary.executable(tc, cdir).toString()).withCwd(cdir)).withTimeout(CANARY_TIMEOUT);
    Result r;
    try (var held = slots.acquire(1)) {
      r = processes.capture(run);
    }
    checkInterrupted();
    Files.writeString(log, "$ " + run.display() + "\n" + r.output() + r.error(), StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    int[] checks = Canary.checks(r.output());
    String how = runner.emulated() ? " under " + runner.name() : "";
    if (r.timedOut()) {
      record(new StepResult("canary", Status.FAILED, seconds(start), "timed out after " + CANARY_TIMEOUT.toSeconds()
          + " s" + how + " (process tree killed)", rel(log), tail(log)));
    } else if (!r.ok()) {
      record(new StepResult("canary", Status.FAILED, seconds(start), (checks[1] - checks[0]) + " of " + checks[1]
          + " checks failed" + how + " (exit " + r.exitCode() + ")", rel(log), tail(log)));
    } else {
      record(new StepResult("canary", Status.PASSED, seconds(start), checks[0] + "/" + checks[1] + " checks" + how,
          rel(log), null));
    }
  }

  private void test(BuildContext ctx, List<TestCase> tests) throws IOException, InterruptedException {
    if (stop.get()) {
      skip("test", "stopped: another target failed (--fail-fast)");
      return;
    }
    listener.stepStarted(target.name(), "test");
    long start = System.nanoTime();
    BuildStep step = settings.testCommand().filter(x -> !adapter.name().equals("command"))
        .map(argv -> new BuildStep("test", Command.of(argv).withCwd(ctx.sourceDir())))
        .orElseGet(() -> adapter.testStep(ctx));
    Path log = dir.resolve("logs").resolve("test.log");
    Duration limit = settings.testTimeout();
    Result r;
    try (var held = slots.acquire(1)) {
      r = processes.toLog(step.command().withEnv(ctx.env()).withTimeout(limit), log);
    }
    checkInterrupted();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    List<TestCase> parsed = adapter.testParser().parse(output);
    if (parsed.isEmpty()) {
      parsed = List.of(new TestCase("tests", r.ok() ? TestCase.PASSED : TestCase.FAILED, seconds(start),
          r.ok() ? "" : "exit " + r.exitCode()));
    }
    tests.addAll(parsed);
    long failed = parsed.stream().filter(TestCase::failed).count();
    long skippedCount = parsed.stream().filter(t -> t.status().equals(TestCase.SKIPPED)).count();
    long passed = parsed.size() - failed - skippedCount;
    String counts = passed + " passed, " + failed + " failed, " + skippedCount + " skipped";
    if (r.timedOut()) {
      record(new StepResult("test", Status.FAILED, seconds(start), "timed out after "
          + dev.crosskit.config.Durations.format(limit) + " (process tree killed); " + counts, rel(log), tail(log)));
    } else if (!r.ok() || failed > 0) {
      record(new StepResult("test", Status.FAILED, seconds(start), counts
          + (r.ok() ? "" : " (exit " + r.exitCode() + ")"), rel(log), tail(log)));
    } else {
      record(new StepResult("test", Status.PASSED, seconds(start), counts, rel(log), null));
    }
  }

  private void skip(String step, String why) {
    record(StepResult.skipped(step, why));
  }

  private void record(StepResult r) {
    steps.add(r);
    listener.stepFinished(target.name(), r);
    if (r.status().failed() && options.failFast()) {
      stop.set(true);
    }
  }

  private static void checkInterrupted() throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
  }

  // ----- cache -----

  private String cacheKey(Toolchain tc) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("v1 ").append(CodeIdentity.get()).append('\n').append(sourceFingerprint).append('\n').append(adapter.name()).append('\n')
        .append(options.runTests()).append('\n').append(settings.tree().toString()).append('\n')
        .append(tc).append('\n');
    if (options.checkReproducible()) {
      sb.append("check-reproducible\n");
    }
    for (Path p : new Path[] {tc.cc(), tc.cxx()}) {
      if (p != null && Files.exists(p)) {
        Path real = p.toRealPath();
        sb.append(real).append(' ').append(Files.size(real)).append(' ').append(Files.getLastModifiedTime(real)).append('\n');
      }
    }
    return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Optional<TargetResult> cachedResult(String key) {
    Path state = dir.resolve("state.json");
    try {
      if (!Files.isRegularFile(state)) {
        return Optional.empty();
      }
      JsonNode node = Json.mapper().readTree(state.toFile());
      if (!key.equals(node.path("key").asText())) {
        return Optional.empty();
      }
      TargetResult r = Json.mapper().treeToValue(node.path("result"), TargetResult.class);
      for (Artifact a : r.artifacts()) {
        Path p = options.outDir().resolve(a.path());
        if (!Files.isRegularFile(p) || !sha256(p).equals(a.sha256())) {
          return Optional.empty(); // an artifact was removed or changed since: rebuild
        }
      }
      return r.passed() ? Optional.of(r) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // a damaged state file only costs a rebuild
    }
  }

  private void saveState(String key, TargetResult result) throws IOException {
    AtomicFiles.write(dir.resolve("state.json"), Json.write(Map.of("key", key, "result", result)));
  }

  // ----- helpers -----

  private String rel(Path p) {
    return options.outDir().relativize(p).toString();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }

  static String sha256(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
