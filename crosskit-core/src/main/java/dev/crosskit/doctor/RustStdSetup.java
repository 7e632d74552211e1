package dev.crosskit.doctor;

import dev.crosskit.base.UserException;
import dev.crosskit.emulate.Runner;
import dev.crosskit.host.Host;
import dev.crosskit.rust.CargoEnvironment;
import dev.crosskit.rust.RustStd;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainFinder;
import dev.crosskit.toolchainfile.ToolchainEnv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code crosskit setup --lang rust}: after the packages, each target's Rust std, fetched or
 * built into the cache. The std that must be compiled is compiled for all targets in one go
 * ({@link RustStd#provideAll}: they share the cores), then each target's Cargo set-up is checked
 * as a build would do it ({@link CargoEnvironment#provideStd}).
 */
public final class RustStdSetup {
  private RustStdSetup() {}

  /**
   * @param out receives one line per target with a Rust triple: which std it has, or why it has none
   * @return false when some target's std could not be provided
   */
  public static boolean provide(Host host, List<Target> targets, Consumer<String> out) {
    ToolchainFinder finder = host.installedFinder();
    CargoEnvironment cargo = host.cargoEnvironment();
    List<RustStd.Request> requests = new ArrayList<>();
    Map<String, UserException> failed = new LinkedHashMap<>();
    for (Target t : targets) {
      if (t.rustTriple() == null) {
        continue;
      }
      try {
        Toolchain tc = finder.assess(t).toolchain();
        requests.add(cargo.stdRequest(t, tc, ToolchainEnv.variables(tc, host.runner(t, tc))));
      } catch (UserException e) {
        failed.put(t.rustTriple(), e);
      }
    }
    failed.putAll(host.rustStd().provideAll(requests, out));
    boolean ok = true;
    for (Target t : targets) {
      if (t.rustTriple() == null) {
        continue;
      }
      try {
        if (failed.containsKey(t.rustTriple())) {
          throw failed.get(t.rustTriple());
        }
        Toolchain tc = finder.assess(t).toolchain();
        Optional<Runner> runner = host.runner(t, tc);
        String std = cargo.provideStd(t, tc, runner, ToolchainEnv.variables(tc, runner), out);
        out.accept("Rust std for " + t.name() + ": " + std);
      } catch (UserException e) {
        out.accept("Rust std for " + t.name() + ": FAILED: " + e.getMessage());
        ok = false;
      }
    }
    return ok;
  }
}
