package dev.crosskit.pipeline;

import dev.crosskit.build.BuildContext;
import dev.crosskit.build.BuildStep;
import dev.crosskit.build.TestParser;
import dev.crosskit.config.Durations;
import dev.crosskit.emulate.Runner;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TestCase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The test step ({@code crosskit test} only): the project's own tests — the adapter's test
 * command or [test] command — under the test timeout, their output parsed into test cases line
 * by line as it streams (memory stays bounded whatever the tests print). What
 * the tests leave running (a daemon, a background job) is killed when they end, and the step
 * names it in a warning.
 */
final class ProjectTestStep extends RunnerStep {
  @Override
  public Step step() {
    return Step.TEST;
  }

  @Override
  Optional<String> skipWithRunner(StepContext c) {
    if (!c.settings().testsEnabled()) {
      return Optional.of("disabled in crosskit.toml");
    }
    if (!c.built()) {
      return Optional.of("build failed");
    }
    if (c.stopped()) {
      return Optional.of(ProjectBuildStep.STOPPED);
    }
    return Optional.empty();
  }

  @Override
  StepResult run(StepContext c, Runner runner) throws IOException, InterruptedException {
    long start = System.nanoTime();
    BuildContext ctx = c.build();
    BuildStep step = c.settings().testCommand().filter(x -> !c.adapter().name().equals("command"))
        .map(argv -> new BuildStep("test", c.adapter().custom(ctx, argv)))
        .orElseGet(() -> c.adapter().testStep(ctx));
    c.prepare(runner);
    Path log = c.log("test.log");
    Duration limit = c.settings().testTimeout();
    // the results are read as the output streams (it may be gigabytes), within the step's timeout
    TestParser.Reading reading = c.adapter().testParser().reading();
    Result r = c.run(step.command().withEnv(ctx.env()).withTimeout(limit), log, 1, reading);
    List<TestCase> parsed = reading.tests();
    if (parsed.isEmpty()) {
      parsed = List.of(new TestCase("tests", r.ok() ? TestCase.PASSED : TestCase.FAILED, StepContext.seconds(start),
          r.ok() ? "" : "exit " + r.exitCode()));
    }
    c.tests().addAll(parsed);
    long failed = parsed.stream().filter(TestCase::failed).count();
    long skipped = parsed.stream().filter(t -> t.status().equals(TestCase.SKIPPED)).count();
    long passed = parsed.size() - failed - skipped;
    long expected = parsed.stream().filter(TestCase::expectedFailure).count();
    String counts = passed + " passed" + (expected > 0 ? " (" + expected + " of them expected failures)" : "") + ", "
        + failed + " failed, " + skipped + " skipped";
    double seconds = StepContext.seconds(start);
    if (r.timedOut()) {
      return new StepResult(Step.TEST, Status.FAILED, seconds, "timed out after " + Durations.format(limit)
          + " (process tree killed); " + counts, c.rel(log), StepContext.tail(log));
    }
    if (!r.ok() || failed > 0) {
      return new StepResult(Step.TEST, Status.FAILED, seconds, counts + (r.ok() ? "" : " (exit " + r.exitCode() + ")")
          + CanaryStep.leftovers(r), c.rel(log), StepContext.tail(log));
    }
    return new StepResult(Step.TEST, Status.PASSED, seconds, counts + CanaryStep.leftovers(r), c.rel(log), null);
  }
}
