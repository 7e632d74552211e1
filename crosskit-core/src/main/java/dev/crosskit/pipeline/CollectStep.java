package dev.crosskit.pipeline;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.Digests;
import dev.crosskit.build.ArtifactCollector;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The collect step: the build's artifacts ([build] artifacts, else every executable and shared
 * library) copied into {@code <target>/artifacts/}. Reported only when it finds none; then there
 * is nothing to verify or test.
 */
final class CollectStep implements TargetStep {
  @Override
  public Step step() {
    return Step.COLLECT;
  }

  @Override
  public boolean applies(StepContext c) {
    return c.built();
  }

  @Override
  public boolean reportedWhenPassed() {
    return false;
  }

  @Override
  public StepResult run(StepContext c) throws IOException {
    Path from = c.adapter().artifactDir(c.build());
    List<String> globs = c.settings().artifacts();
    List<Path> found = Files.isDirectory(from) ? ArtifactCollector.collect(from, globs) : List.of();
    if (found.isEmpty()) {
      c.built(false);
      String why = globs.isEmpty()
          ? "the build produced no executables or shared libraries; name them with [build] artifacts = [...]"
          : "no file matched [build] artifacts " + globs;
      return new StepResult(Step.COLLECT, Status.FAILED, 0, why, null, null);
    }
    Path out = c.dir().resolve("artifacts");
    for (Path rel : found) {
      Path dest = out.resolve(rel.getFileName().toString());
      AtomicFiles.copy(from.resolve(rel), dest);
      c.artifacts().add(new Artifact(c.rel(dest), Files.size(dest), Digests.sha256(dest), null, null, false, List.of()));
    }
    return new StepResult(Step.COLLECT, Status.PASSED, 0, found.size() + " artifacts", null, null);
  }
}
