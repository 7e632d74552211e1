package dev.crosskit.cli;

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

/** {@code crosskit setup --lang rust}: after the packages, each target's Rust std (fetched or built into the cache). */
final class RustStdSetup {
  private RustStdSetup() {}

  /** @return false when some target's std could not be provided (each one is reported) */
  static boolean provide(Host host, List<Target> targets, Consumer<String> out) {
    boolean ok = true;
    ToolchainFinder finder = host.installedFinder();
    for (Target t : targets) {
      if (t.rustTriple() == null) {
        continue;
      }
      try {
        Toolchain tc = finder.assess(t).toolchain();
        Optional<Runner> runner = host.runner(t, tc);
        var env = host.cargoEnvironment().of(t, tc, runner, ToolchainEnv.variables(tc, runner), "", out);
        out.accept("Rust std for " + t.name() + ": " + env.get("CROSSKIT_RUST_STD"));
      } catch (UserException e) {
        out.accept("Rust std for " + t.name() + ": FAILED: " + e.getMessage());
        ok = false;
      }
    }
    return ok;
  }
}
