package dev.crosskit.sdk;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Versions;
import dev.crosskit.target.Target;
import java.util.Optional;

/**
 * The oldest macOS a Darwin build must run on: {@code [target.X] macos} when set, else the
 * catalog's {@code macosMin} for the target. The same value goes to the compiler
 * ({@code -mmacosx-version-min}) and to verify (the artifact's LC_BUILD_VERSION minos may not be newer).
 */
public final class MacosDeployment {
  private MacosDeployment() {}

  /** The deployment target for a macOS target; empty for other targets. */
  public static Optional<String> of(Target target, String configured) {
    if (!isMacos(target)) {
      return Optional.empty();
    }
    if (configured != null && !configured.isBlank()) {
      if (!Versions.isVersion(configured)) {
        throw new BadInputException("macos = \"" + configured + "\" is not a macOS version such as \"11.0\"");
      }
      return Optional.of(configured);
    }
    return Optional.of(target.field("macosMin").orElseThrow(() ->
        new IllegalStateException("targets.json: " + target.name() + " has no macosMin")));
  }

  public static boolean isMacos(Target target) {
    return "macos".equals(target.os());
  }
}
