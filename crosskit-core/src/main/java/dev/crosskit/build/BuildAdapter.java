package dev.crosskit.build;

import java.io.IOException;
import java.util.List;

/** Turns a project of one build system into the steps that build and test it for a target. */
public interface BuildAdapter {
  /** The name used in crosskit.toml's {@code project.build}. */
  String name();

  /**
   * Whether the build runs in a private copy of the sources (plain Make, command builds, or
   * autotools projects that must be bootstrapped), rather than out of tree.
   */
  default boolean needsSourceCopy() {
    return false;
  }

  /** Writes what the build needs (toolchain files) and returns the configure and build steps. */
  List<BuildStep> buildSteps(BuildContext ctx) throws IOException;

  /** The step that runs the project's own tests. */
  BuildStep testStep(BuildContext ctx);

  /** Reads per-test results from the test step's output. */
  TestOutputParser testParser();
}
