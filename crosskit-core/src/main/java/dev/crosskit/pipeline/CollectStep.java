package dev.crosskit.pipeline;

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
 * library) from the install tree, else the build tree ({@link Deliverables}), copied into
 * {@code <target>/artifacts/} at their paths there; a link leading out of the tree is never
 * followed (a named one fails the step, another is left out with a warning). Reported only when
 * it finds none — then there is nothing to verify or test — or warns.
 */
final class CollectStep implements TargetStep {
  private static final String WARNING = "warning: ";

  @Override
  public Step step() {
    return Step.COLLECT;
  }

  @Override
  public boolean applies(StepContext c) {
    return c.built();
  }

  /** A passing collect is reported only with a warning (an artifact left out). */
  @Override
  public boolean reportedWhenPassed(StepResult passed) {
    return passed.summary() != null && passed.summary().startsWith(WARNING);
  }

  @Override
  public StepResult run(StepContext c) throws IOException {
    Deliverables d = Deliverables.of(c.adapter(), c.build(), c.installed());
    Path from = d.root();
    ArtifactCollector.Found found = d.found();
    List<String> globs = c.settings().artifacts();
    boolean named = !globs.isEmpty();
    String refused = String.join("; ", found.refused());
    if (named && !refused.isEmpty()) {
      // an artifact the user named leads out of the build: delivering the rest would hide that
      c.collected(false);
      return new StepResult(Step.COLLECT, Status.FAILED, 0, refused, null, null);
    }
    if (found.files().isEmpty()) {
      c.collected(false);
      String where = c.installed() ? " (in the install tree or the build tree)" : "";
      String why = named ? "no file matched [build] artifacts " + globs + where
          : "the build produced no executables or shared libraries" + where + "; name them with [build] artifacts = [...]";
      return new StepResult(Step.COLLECT, Status.FAILED, 0, why + (refused.isEmpty() ? "" : " (" + refused + ")"),
          null, null);
    }
    for (Path dest : ArtifactCollector.copyInto(from, found.files(), c.dir().resolve("artifacts"))) {
      c.artifacts().add(new Artifact(c.rel(dest), Files.size(dest), Digests.sha256(dest), null, null, false, List.of()));
    }
    c.collected(true);
    String summary = refused.isEmpty() ? found.files().size() + " artifacts" : WARNING + refused;
    return new StepResult(Step.COLLECT, Status.PASSED, 0, summary, null, null);
  }
}
