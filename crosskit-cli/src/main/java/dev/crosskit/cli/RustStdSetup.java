package dev.crosskit.cli;

import dev.crosskit.CrosskitHome;
import dev.crosskit.UserException;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.Runners;
import dev.crosskit.rust.CargoEnvironment;
import dev.crosskit.rust.RustStd;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainEnv;
import dev.crosskit.toolchain.ToolchainFinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code crosskit setup --lang rust}: after the packages, each target's Rust std, fetched or
 * built into the cache. The std that must be compiled is compiled for all targets in one go
 * (they share the cores), then each target's Cargo set-up is checked as a build would do it.
 */
final class RustStdSetup {
  private RustStdSetup() {}

  /** @return false when some target's std could not be provided (each one is reported) */
  static boolean provide(List<Target> targets, Consumer<String> out) {
    boolean ok = true;
    ToolchainFinder finder = ToolchainFinder.system();
    List<RustStd.Request> requests = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (Target t : targets) {
      if (t.rustTriple() == null) {
        continue;
      }
      try {
        Toolchain tc = finder.assess(t).toolchain();
        requests.add(CargoEnvironment.stdRequest(t, tc, ToolchainEnv.variables(tc, Runners.forTarget(t, tc))));
      } catch (UserException e) {
        failed.put(t.rustTriple(), e.getMessage());
      }
    }
    failed.putAll(RustStd.system(CrosskitHome.dir()).provideAll(requests, out));
    for (Target t : targets) {
      if (t.rustTriple() == null) {
        continue;
      }
      try {
        if (failed.containsKey(t.rustTriple())) {
          throw new UserException(failed.get(t.rustTriple()));
        }
        Toolchain tc = finder.assess(t).toolchain();
        Optional<Runner> runner = Runners.forTarget(t, tc);
        var env = CargoEnvironment.of(t, tc, runner, ToolchainEnv.variables(tc, runner), "", out);
        out.accept("Rust std for " + t.name() + ": " + env.get("CROSSKIT_RUST_STD"));
      } catch (UserException e) {
        out.accept("Rust std for " + t.name() + ": FAILED: " + e.getMessage());
        ok = false;
      }
    }
    return ok;
  }
}
