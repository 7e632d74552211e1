package dev.crosskit.pipeline;

import dev.crosskit.inspect.Policy;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verify step: every artifact inspected without running it and checked against the target
 * and the [verify] policy ({@link ArtifactVerifier}); the artifacts in the report gain what was found.
 */
final class VerifyStep implements TargetStep {
  @Override
  public Step step() {
    return Step.VERIFY;
  }

  /** Not after a build whose collection failed: that failure stands in verify's place in the table. */
  @Override
  public boolean applies(StepContext c) {
    return !c.built() || c.collected();
  }

  @Override
  public Optional<String> skipReason(StepContext c) {
    return c.built() ? Optional.empty() : Optional.of("build failed");
  }

  @Override
  public StepResult run(StepContext c) {
    long start = System.nanoTime();
    // a bare-metal program is judged against the board the build linked it for
    Policy policy = ArtifactVerifier.policy(c.target(), c.settings()).withBoard(c.toolchain().board());
    List<Artifact> artifacts = c.artifacts();
    boolean allPassed = true;
    List<String> identities = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < artifacts.size(); i++) {
      Artifact a = artifacts.get(i);
      var v = ArtifactVerifier.verify(c.run().outDir().resolve(a.path()), policy);
      artifacts.set(i, new Artifact(a.path(), a.size(), a.sha256(), v.matchedTarget(), v.identity(), v.passed(),
          v.findings(), v.facts()));
      allPassed &= v.passed();
      if (!identities.contains(v.identity())) {
        identities.add(v.identity());
      }
      v.findings().stream().filter(f -> f.startsWith("FAIL")).forEach(f -> problems.add(
          Path.of(a.path()).getFileName() + ": " + f));
    }
    String summary = allPassed ? String.join("; ", identities) : String.join("; ", problems);
    return new StepResult(Step.VERIFY, allPassed ? Status.PASSED : Status.FAILED, StepContext.seconds(start), summary,
        null, null);
  }
}
