package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The steps of a target's pipeline, in the order they run. report.json, junit.xml and the
 * console name them by {@link #id()} ({@code provision}, {@code build}, ...).
 */
public enum Step {
  /** The toolchain, its sysroot and the runner. */
  PROVISION,
  /** The adapter's (or the user's) configure and build commands. */
  BUILD,
  /** The build's artifacts copied into {@code <target>/artifacts/} (reported only when none were found). */
  COLLECT,
  /** Each artifact inspected and checked against the target and the [verify] policy. */
  VERIFY,
  /** A second build in another directory, compared byte for byte ({@code --check-reproducible}). */
  REPRODUCIBLE,
  /** crosskit's runtime self-test, built with the target's toolchain and run under its runner. */
  CANARY,
  /** The project's own tests under the runner. */
  TEST;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Step of(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown step '" + id + "'"));
  }

  @Override
  public String toString() {
    return id();
  }
}
