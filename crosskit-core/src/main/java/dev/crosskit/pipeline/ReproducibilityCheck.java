package dev.crosskit.pipeline;

import dev.crosskit.base.Deletion;
import dev.crosskit.build.ArtifactCollector;
import dev.crosskit.build.BuildContext;
import dev.crosskit.build.BuildStep;
import dev.crosskit.build.SourceTree;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code crosskit build --check-reproducible}: builds the target a second time in another
 * directory ({@code <target>/repro/build}), at a later second, and compares every artifact byte
 * for byte with the first build's; differences are named by ELF section with a likely cause
 * ({@link ArtifactDiff}).
 */
final class ReproducibilityCheck {
  private final ProcessRunner processes;
  private final JobSlots slots;
  private final int jobs;

  /** The build steps for a context: the adapter's, with the user's overrides. */
  interface Steps {
    List<BuildStep> of(BuildContext ctx) throws IOException;
  }

  ReproducibilityCheck(ProcessRunner processes, JobSlots slots, int jobs) {
    this.processes = processes;
    this.slots = slots;
    this.jobs = jobs;
  }

  /**
   * @param projectDir the project's sources, copied again for in-source builds
   * @param first the first build's context (its build directory holds the artifacts)
   * @param envFor the build environment for a given build directory (its prefix maps differ)
   * @param steps the steps for a context: the adapter's, with the user's overrides
   */
  StepResult run(Path projectDir, BuildContext first, Function<Path, Map<String, String>> envFor,
      Steps steps, Path outDir)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    long firstFinished = System.currentTimeMillis() / 1000;
    Path repro = first.workDir().resolve("repro");
    Deletion.tree(repro);
    Path buildDir = repro.resolve("build");
    Path sourceDir = first.sourceDir();
    if (first.sourceDir().equals(first.buildDir())) {
      new SourceTree(projectDir).copyTo(buildDir); // in-source builds get a fresh copy, like the first
      sourceDir = buildDir;
    } else {
      Files.createDirectories(buildDir);
    }
    BuildContext second = new BuildContext(first.target(), first.toolchain(), first.runner(), sourceDir, buildDir,
        repro, envFor.apply(buildDir), first.settings(), first.jobs(), first.host());
    waitForNextSecond(firstFinished); // so that a build that embeds the time cannot pass by luck
    Path log = repro.resolve("logs").resolve("build.log");
    for (BuildStep step : steps.of(second)) {
      Result r;
      try (var held = slots.acquire(step.name().equals("build") ? jobs : 1)) {
        r = processes.toLog(step.command().withEnv(second.env()).withTimeout(second.settings().buildTimeout()), log);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      if (!r.ok()) {
        return new StepResult(Step.REPRODUCIBLE, Status.FAILED, seconds(start), "the second build's " + step.name()
            + " failed (exit " + r.exitCode() + ") although the first passed", outDir.relativize(log).toString(), null);
      }
    }
    List<Path> firstFiles = ArtifactCollector.collect(first.buildDir(), first.settings().artifacts());
    List<String> differences = new ArrayList<>();
    for (Path rel : firstFiles) {
      Path a = first.buildDir().resolve(rel);
      Path b = buildDir.resolve(rel);
      if (!Files.isRegularFile(b)) {
        differences.add(rel + ": missing from the second build");
        continue;
      }
      ArtifactDiff.compare(a, b, List.of(first.buildDir(), buildDir)).ifPresent(d -> differences.add(rel + ": " + d));
    }
    if (differences.isEmpty()) {
      Deletion.tree(repro);
      return new StepResult(Step.REPRODUCIBLE, Status.PASSED, seconds(start), firstFiles.size()
          + " artifacts identical in a second build directory", null, null);
    }
    return new StepResult(Step.REPRODUCIBLE, Status.FAILED, seconds(start), String.join("; ", differences),
        outDir.relativize(log).toString(), null);
  }

  private static void waitForNextSecond(long startedSecond) throws InterruptedException {
    long now = System.currentTimeMillis();
    long next = (startedSecond + 1) * 1000;
    if (now < next) {
      Thread.sleep(next - now);
    }
  }

  private static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }
}
