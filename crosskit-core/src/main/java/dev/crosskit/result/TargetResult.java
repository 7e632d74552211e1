package dev.crosskit.result;

import java.util.List;
import java.util.Optional;

/**
 * Everything that happened for one target.
 *
 * @param toolchain a short description of the compiler used ("gcc-cross aarch64-linux-gnu-gcc")
 * @param runner how programs ran: native, qemu-user (emulated) or wine (emulated), or null
 * @param cached true when nothing changed since the last passing run and the target was not rebuilt
 */
public record TargetResult(String target, String toolchain, String runner, boolean emulated, List<StepResult> steps,
    List<TestCase> tests, List<Artifact> artifacts, double seconds, boolean cached) {

  /** No step failed or was interrupted. */
  public boolean passed() {
    return steps.stream().noneMatch(s -> s.status().unsuccessful());
  }

  /** crosskit was stopped while this target ran: its result is incomplete. */
  public boolean interrupted() {
    return steps.stream().anyMatch(s -> s.status() == Status.INTERRUPTED);
  }

  public Optional<StepResult> step(Step step) {
    return steps.stream().filter(s -> s.step() == step).findFirst();
  }
}
