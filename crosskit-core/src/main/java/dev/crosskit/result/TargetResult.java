package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * Everything that happened for one target.
 *
 * @param toolchain a short description of the compiler used ("gcc-cross aarch64-linux-gnu-gcc")
 * @param runner how programs ran: native, qemu-user (emulated) or wine (emulated), or null
 * @param cached true when nothing changed since the last passing run and the target was not rebuilt
 * @param start seconds after the run started when the target's pipeline began; null in older reports
 * @param toolchainVersion the first line the C compiler prints for {@code --version}, or null
 * @param compileCache what the compile cache did in this run's build, or null when it was not used
 *     (turned off, not installed, a Cargo or Go build, or nothing was built)
 * @param toolchainFingerprint a hash of the versions crosskit.lock pins for the target (its
 *     toolchain, emulator, build tools, sysroot packages), or null in older reports
 * @param configureCache "hit" when configure was given its check results from the configure
 *     cache, "miss" when it ran them; null when the cache was not used (turned off, a build system
 *     or configure it cannot serve, or configure did not run)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetResult(String target, String toolchain, String runner, boolean emulated, List<StepResult> steps,
    List<TestCase> tests, List<Artifact> artifacts, double seconds, boolean cached, Double start,
    String toolchainVersion, CompileCacheStats compileCache, String toolchainFingerprint, String configureCache) {

  @JsonCreator
  public TargetResult {
    tests = tests == null ? List.of() : tests;
    artifacts = artifacts == null ? List.of() : artifacts;
  }

  /** A result not placed in the run's time, without the compiler's version. */
  public TargetResult(String target, String toolchain, String runner, boolean emulated, List<StepResult> steps,
      List<TestCase> tests, List<Artifact> artifacts, double seconds, boolean cached) {
    this(target, toolchain, runner, emulated, steps, tests, artifacts, seconds, cached, null, null, null, null, null);
  }

  /** A result without a toolchain fingerprint. */
  public TargetResult(String target, String toolchain, String runner, boolean emulated, List<StepResult> steps,
      List<TestCase> tests, List<Artifact> artifacts, double seconds, boolean cached, Double start,
      String toolchainVersion, CompileCacheStats compileCache) {
    this(target, toolchain, runner, emulated, steps, tests, artifacts, seconds, cached, start, toolchainVersion,
        compileCache, null, null);
  }

  /** The same result with the toolchain's fingerprint. */
  public TargetResult withFingerprint(String fingerprint) {
    return new TargetResult(target, toolchain, runner, emulated, steps, tests, artifacts, seconds, cached, start,
        toolchainVersion, compileCache, fingerprint, configureCache);
  }

  /** A result without compile cache counts. */
  public TargetResult(String target, String toolchain, String runner, boolean emulated, List<StepResult> steps,
      List<TestCase> tests, List<Artifact> artifacts, double seconds, boolean cached, Double start,
      String toolchainVersion) {
    this(target, toolchain, runner, emulated, steps, tests, artifacts, seconds, cached, start, toolchainVersion, null, null,
        null);
  }

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
