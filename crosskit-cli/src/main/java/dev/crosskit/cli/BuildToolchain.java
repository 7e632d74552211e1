package dev.crosskit.cli;

import dev.crosskit.config.TargetSettings;
import dev.crosskit.host.Host;
import dev.crosskit.pipeline.Provisioning;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.io.PrintWriter;
import java.util.List;

/**
 * The toolchain {@code crosskit build} would use for a target with the given settings, for the
 * commands that hand it to the user's own build (env, toolchain-file): the same provisioning,
 * its downloads and source builds reported on standard error.
 */
final class BuildToolchain {
  /** Provisioning's own summary lines, which a build writes to its log: not news on a terminal. */
  private static final List<String> SUMMARY = List.of("toolchain: ", "sysroot for ", "board: ", "failed: ");

  private BuildToolchain() {}

  static Toolchain of(Host host, Target target, TargetSettings settings, boolean cxx, PrintWriter err) {
    return Provisioning.toolchain(host, target, settings, cxx, line -> {
      if (SUMMARY.stream().noneMatch(line::startsWith)) {
        err.println("crosskit: " + line);
        err.flush();
      }
    }, "");
  }
}
