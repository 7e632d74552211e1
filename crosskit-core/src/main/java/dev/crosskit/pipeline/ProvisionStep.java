package dev.crosskit.pipeline;

import dev.crosskit.base.UserException;
import dev.crosskit.build.CxxSources;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Runner;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.host.Host;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.MissingToolchainException;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainFinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The provision step: the target's toolchain, with the sysroot its settings call for (musl,
 * [build] packages, a glibc floor) made or found in crosskit's cache first, and the runner for
 * its programs. What that does (downloads, musl source builds) goes to {@code logs/provision.log}.
 * A build that needs no C compiler (pure Go; Cargo for musl, which brings its own linker) goes
 * on with what is installed when no complete toolchain can be had; any other build ends here.
 */
final class ProvisionStep implements TargetStep {
  static final String LOG = "provision.log";
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public Step step() {
    return Step.PROVISION;
  }

  @Override
  public boolean endsTargetOnFailure() {
    return true;
  }

  @Override
  public StepResult run(StepContext c) throws IOException, InterruptedException {
    Toolchain tc;
    try {
      tc = toolchain(c.host(), c.target(), c.settings(), CxxSources.wanted(c.settings(), c.run().projectDir()),
          c.log(LOG), line -> c.run().listener().stepProgress(c.target().name(), line));
    } catch (UserException e) {
      if (c.adapter().needsCCompiler(c.target(), c.run().projectDir(), c.settings())) {
        return new StepResult(Step.PROVISION, Status.FAILED, 0, e.getMessage(), null, null);
      }
      tc = c.host().installedFinder().assess(c.target()).toolchain();
    }
    Optional<Runner> runner = c.host().runner(c.target(), tc);
    c.provisioned(tc, runner);
    c.toolchainVersion(version(c, tc));
    return new StepResult(Step.PROVISION, Status.PASSED, 0, c.toolchainText()
        + runner.map(r -> ", runs via " + r.name()).orElse(", cannot run here"), null, null);
  }

  /**
   * The C compiler's {@code --version} line ("aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0"),
   * for the report's run facts; null when there is no compiler or it says nothing.
   */
  private static String version(StepContext c, Toolchain tc) throws InterruptedException {
    if (!tc.complete() || tc.cc() == null) {
      return null;
    }
    Result r = c.capture(Command.of(tc.cc().toString(), "--version").withTimeout(VERSION_TIMEOUT));
    if (!r.ok()) {
      return null;
    }
    return r.output().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
  }

  /**
   * @param cxx whether the build needs C++ ({@link dev.crosskit.build.CxxSources#wanted})
   * @param detail what provisioning does as it goes (a libstdc++ build takes minutes), for the console
   * @throws UserException when a part is missing or the sysroot cannot be made (the log has the details)
   */
  static Toolchain toolchain(Host host, Target target, TargetSettings settings, boolean cxx, Path log,
      Consumer<String> detail) throws IOException {
    Files.createDirectories(log.getParent());
    try (Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      return Provisioning.toolchain(host, target, settings, cxx, line -> {
        write(w, line);
        detail.accept(line);
      }, " (log: " + target.name() + "/logs/" + LOG + ")");
    }
  }

  private static void write(Writer w, String line) {
    try {
      w.write(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line + "\n");
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
