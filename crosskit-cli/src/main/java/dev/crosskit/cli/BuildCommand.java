package dev.crosskit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code crosskit build}: build and verify every target. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {"Build the project for every target in parallel and verify each artifact without running it.",
        "Verify checks architecture, libc, linkage and the policy from [verify]. Unchanged targets are reported 'cached'."},
    footer = {"", "Writes <project>/target/crosskit/<target>/{build,logs,artifacts}, report.html, report.json and",
        "junit.xml ('crosskit report' renders them again).",
        "Exit code: 0 every target built and verified, 1 any failed, 2 bad usage or configuration.",
        "", "Examples:",
        "  crosskit build",
        "  crosskit build --target aarch64-linux-gnu --target armhf",
        "  crosskit build --setup           # install and make what the project needs first",
        "  crosskit build -C examples/c-cmake --jobs 2 --fail-fast"})
final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MatrixOptions options;

  @Override
  public Integer call() {
    return MatrixRun.run(Main.host(spec), options.request(false), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
