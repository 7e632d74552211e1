package dev.crosskit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code crosskit test}: build, verify, run the canary and the project's tests under emulation. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {"Build and verify every target, then run the canary and the project's own tests.",
        "The canary is crosskit's runtime self-test; the project's tests are ctest, meson test, make check/test, cargo test",
        "or go test, run natively, under QEMU user-mode or under Wine.",
        "Emulated results are labelled as such: they test the code, not the hardware."},
    footer = {"", "Exit code: 0 every target passed every step, 1 any failed, 2 bad usage or configuration.",
        "", "Examples:",
        "  crosskit test",
        "  crosskit test --target riscv64-linux-gnu --test-timeout 2m",
        "  crosskit test --setup            # install and make what the project needs first",
        "  crosskit test -C examples/c-meson --json > report.json"})
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MatrixOptions options;

  @Override
  public Integer call() {
    return MatrixRun.run(Main.host(spec), options.request(true), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
