package dev.crosskit.pipeline;

import dev.crosskit.emulate.Runner;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.toolchain.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The canary step ({@code crosskit test} only): crosskit's runtime self-test ({@link Canary})
 * compiled with the target's toolchain and environment, then run under the target's runner.
 * It tests the toolchain and the runner, after a build that passed (the project's tests need both).
 */
final class CanaryStep extends RunnerStep {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Override
  public Step step() {
    return Step.CANARY;
  }

  @Override
  Optional<String> skipWithRunner(StepContext c) {
    if (!c.settings().canary()) {
      return Optional.of("disabled in crosskit.toml");
    }
    if (!c.built()) {
      // a project that did not build says nothing about the toolchain a canary would add to
      return Optional.of("build failed");
    }
    if (!c.toolchain().complete()) {
      return Optional.of("no complete C toolchain for " + c.target().name() + " (not needed by this build)");
    }
    return Optional.empty();
  }

  @Override
  StepResult run(StepContext c, Runner runner) throws IOException, InterruptedException {
    Toolchain tc = c.toolchain();
    Map<String, String> env = c.env();
    long start = System.nanoTime();
    Path dir = c.dir().resolve("canary");
    Path log = c.log("canary.log");
    for (Command compile : Canary.compileCommands(tc, dir)) {
      Result r = c.run(compile.withEnv(env).withCwd(dir).withTimeout(c.settings().buildTimeout()), log, 1);
      if (!r.ok()) {
        return new StepResult(Step.CANARY, Status.FAILED, StepContext.seconds(start), "the canary did not compile",
            c.rel(log), StepContext.tail(log));
      }
    }
    c.prepare(runner);
    Command run = runner.wrap(Command.of(Canary.executable(tc, dir).toString()).withCwd(dir)).withTimeout(TIMEOUT);
    Result r = c.capture(run);
    Files.writeString(log, "$ " + run.display() + "\n" + r.output() + r.error(), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    int[] checks = Canary.checks(r.output());
    String how = runner.emulated() ? " under " + runner.name() : "";
    if (r.timedOut()) {
      return new StepResult(Step.CANARY, Status.FAILED, StepContext.seconds(start), "timed out after "
          + TIMEOUT.toSeconds() + " s" + how + " (process tree killed)", c.rel(log), StepContext.tail(log));
    }
    if (!r.ok()) {
      return new StepResult(Step.CANARY, Status.FAILED, StepContext.seconds(start), (checks[1] - checks[0]) + " of "
          + checks[1] + " checks failed" + how + " (exit " + r.exitCode() + ")", c.rel(log), StepContext.tail(log));
    }
    return new StepResult(Step.CANARY, Status.PASSED, StepContext.seconds(start), checks[0] + "/" + checks[1]
        + " checks" + how + leftovers(r), c.rel(log), null);
  }

  /** "; warning: ..." naming what a passing program left running (crosskit killed it), or nothing. */
  static String leftovers(Result r) {
    return r.leftovers().isEmpty() ? "" : "; warning: left running, killed: " + String.join(", ", r.leftovers());
  }
}
