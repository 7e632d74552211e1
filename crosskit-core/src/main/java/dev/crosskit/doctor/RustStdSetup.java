package dev.crosskit.doctor;

import dev.crosskit.base.UserException;
import dev.crosskit.emulate.Runner;
import dev.crosskit.host.Host;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainFinder;
import dev.crosskit.toolchainfile.ToolchainEnv;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code crosskit setup --lang rust}: after the packages, each target's Rust std, fetched or
 * built into the cache as a build would ({@link dev.crosskit.rust.CargoEnvironment#provideStd}).
 */
public final class RustStdSetup {
  private RustStdSetup() {}

  /**
   * @param out receives one line per target with a Rust triple: which std it has, or why it has none
   * @return false when some target's std could not be provided
   */
  public static boolean provide(Host host, List<Target> targets, Consumer<String> out) {
    boolean ok = true;
    ToolchainFinder finder = host.installedFinder();
    for (Target t : targets) {
      if (t.rustTriple() == null) {
        continue;
      }
      try {
        Toolchain tc = finder.assess(t).toolchain();
        Optional<Runner> runner = host.runner(t, tc);
        String std = host.cargoEnvironment().provideStd(t, tc, runner, ToolchainEnv.variables(tc, runner), out);
        out.accept("Rust std for " + t.name() + ": " + std);
      } catch (UserException e) {
        out.accept("Rust std for " + t.name() + ": FAILED: " + e.getMessage());
        ok = false;
      }
    }
    return ok;
  }
}
