package dev.crosskit.pipeline;

import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;

/** Receives the matrix's events as they happen (console progress, CI logs). Called from many threads. */
public interface ProgressListener {
  void stepStarted(String target, Step step);

  /**
   * What a running step is doing now, when it takes long (provision building a libstdc++ for
   * minutes: which part, for how long so far). The step stays the same.
   */
  default void stepProgress(String target, String detail) {}

  void stepFinished(String target, StepResult result);

  void targetFinished(TargetResult result);

  ProgressListener NONE = new ProgressListener() {
    @Override
    public void stepStarted(String target, Step step) {}

    @Override
    public void stepFinished(String target, StepResult result) {}

    @Override
    public void targetFinished(TargetResult result) {}
  };
}
