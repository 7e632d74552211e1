package dev.crosskit.pipeline;

import dev.crosskit.base.Deletion;
import dev.crosskit.build.BuildContext;
import dev.crosskit.build.BuildStep;
import dev.crosskit.build.SourceTree;
import dev.crosskit.cache.CompileCache;
import dev.crosskit.exec.Result;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code crosskit build --check-reproducible}: builds the target a second time in another
 * directory ({@code <target>/build-repro}, beside the first), at a later second, and compares every artifact byte
 * for byte with the first build's; differences are named by ELF section with a likely cause
 * ({@link ArtifactDiff}). The second build compiles every object itself: the compile cache is
 * bypassed, so objects the first build took from the cache are checked against fresh ones.
 */
final class ReproducibleStep implements TargetStep {
  @Override
  public Step step() {
    return Step.REPRODUCIBLE;
  }

  @Override
  public boolean applies(StepContext c) {
    return c.options().checkReproducible();
  }

  @Override
  public Optional<String> skipReason(StepContext c) {
    return c.collected() ? Optional.empty() : Optional.of(c.built() ? "no artifacts collected" : "build failed");
  }

  @Override
  public StepResult run(StepContext c) throws IOException, InterruptedException {
    BuildContext first = c.build();
    Path projectDir = c.run().projectDir();
    long start = System.nanoTime();
    long firstFinished = System.currentTimeMillis() / 1000;
    Path repro = first.workDir().resolve("repro");
    Deletion.tree(repro);
    // A sibling of the first build directory, at the same depth: build systems that name sources
    // relative to the build directory (Meson's ../../main.c) then write the same paths into the
    // debug info, which -ffile-prefix-map does not rewrite.
    Path buildDir = first.buildDir().resolveSibling(first.buildDir().getFileName() + "-repro");
    Deletion.tree(buildDir);
    Path sourceDir = first.sourceDir();
    if (first.sourceDir().equals(first.buildDir())) {
      new SourceTree(projectDir).copyTo(buildDir); // in-source builds get a fresh copy, like the first
      sourceDir = buildDir;
    } else {
      Files.createDirectories(buildDir);
    }
    Map<String, String> env = new LinkedHashMap<>(c.environment().variables(buildDir));
    env.putAll(CompileCache.bypass());
    BuildContext second = new BuildContext(first.target(), first.toolchain(), first.runner(), sourceDir, buildDir,
        repro, env, c.environment().flags(buildDir).withLauncher(first.compilerLauncher()), first.settings(), first.jobs(),
        first.jobserver(), first.host(), first.compilerLauncher());
    waitForNextSecond(firstFinished); // so that a build that embeds the time cannot pass by luck
    Path log = repro.resolve("logs").resolve("build.log");
    List<BuildStep> steps = ProjectBuildStep.commands(c, second);
    for (int i = 0; i <= steps.size(); i++) {
      Optional<BuildStep> next = ProjectBuildStep.next(c, second, steps, i, c.installed()); // as the first build did
      if (next.isEmpty()) {
        break;
      }
      BuildStep step = next.get();
      Result r = c.run(step.command().withEnv(second.env()).withTimeout(second.settings().buildTimeout()), log, c.slotsFor(step));
      if (!r.ok()) {
        return new StepResult(Step.REPRODUCIBLE, Status.FAILED, StepContext.seconds(start), "the second build's " + step.name()
            + " failed (exit " + r.exitCode() + ") although the first passed", c.rel(log), null);
      }
    }
    boolean installs = c.installed();
    Deliverables one = Deliverables.of(c.adapter(), first, installs);
    Deliverables two = Deliverables.of(c.adapter(), second, installs);
    List<Path> firstFiles = one.found().files();
    List<String> differences = new ArrayList<>();
    for (Path rel : firstFiles) {
      Path a = one.root().resolve(rel);
      Path b = two.root().resolve(rel);
      if (!Files.isRegularFile(b)) {
        differences.add(rel + ": missing from the second build");
        continue;
      }
      ArtifactDiff.compare(a, b, List.of(first.buildDir(), buildDir)).ifPresent(d -> differences.add(rel + ": " + d));
    }
    if (differences.isEmpty()) {
      Deletion.tree(repro);
      return new StepResult(Step.REPRODUCIBLE, Status.PASSED, StepContext.seconds(start), firstFiles.size()
          + " artifacts identical in a second build directory", null, null);
    }
    return new StepResult(Step.REPRODUCIBLE, Status.FAILED, StepContext.seconds(start), String.join("; ", differences),
        c.rel(log), null);
  }

  private static void waitForNextSecond(long startedSecond) throws InterruptedException {
    long now = System.currentTimeMillis();
    long next = (startedSecond + 1) * 1000;
    if (now < next) {
      Thread.sleep(next - now);
    }
  }
}
