package dev.crosskit.rust;

import dev.crosskit.base.BadInputException;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.WineRunner;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.sysroot.SysrootStore;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The variables Cargo needs for a target beyond the toolchain's: which cargo and rustc, the
 * target's std (provided first: fetched or built into the cache when missing), crosskit's and the
 * user's rustflags, an offline Cargo home in the cache, and a Wine runner that can start Rust
 * programs. Used by the cargo build adapter and by {@code crosskit setup --lang rust}.
 */
public final class CargoEnvironment {
  /** The cargo program to run (not a Cargo variable: the adapter reads it). */
  public static final String CARGO = "CROSSKIT_CARGO";

  private final RustStd std;
  private final SysrootStore sysroots;
  private final ProcessRunner processes;
  private final Path home;

  /**
   * @param sysroots where musl targets' linker sysroots come from
   * @param home crosskit's cache (Cargo's home and Wine's stub DLL go there)
   */
  public CargoEnvironment(RustStd std, SysrootStore sysroots, ProcessRunner processes, Path home) {
    this.std = std;
    this.sysroots = sysroots;
    this.processes = processes;
    this.home = home;
  }

  /**
   * @param toolchainEnv the target's toolchain variables ({@code ToolchainEnv.variables})
   * @param userRustflags {@code [build] rustflags}, split at spaces
   */
  public Map<String, String> of(Target target, Toolchain tc, Optional<Runner> runner,
      Map<String, String> toolchainEnv, String userRustflags, Consumer<String> progress) {
    return prepare(target, tc, runner, toolchainEnv, userRustflags, progress).env();
  }

  /**
   * Makes sure the target's std is there (fetched or built into the cache when missing), as a
   * build would, and says which one it is ("rustup 1.86 (target installed)" and the like).
   */
  public String provideStd(Target target, Toolchain tc, Optional<Runner> runner, Map<String, String> toolchainEnv,
      Consumer<String> progress) {
    return prepare(target, tc, runner, toolchainEnv, "", progress).std();
  }

  /** Cargo's variables, and a description of the std they point at. */
  private record Prepared(Map<String, String> env, String std) {}

  private Prepared prepare(Target target, Toolchain tc, Optional<Runner> runner,
      Map<String, String> toolchainEnv, String userRustflags, Consumer<String> progress) {
    String triple = target.rustTriple();
    if (triple == null) {
      throw new BadInputException("Rust has no target for " + target.name());
    }
    RustStd.Plan plan = std.plan(triple);
    Map<String, String> env = new LinkedHashMap<>();
    List<String> flags = new ArrayList<>();
    if (plan.route() == RustStd.Route.RUSTUP) {
      env.put(CARGO, std.rustupCargo().toString());
      env.put("RUSTUP_TOOLCHAIN", plan.toolchain());
    } else {
      // /usr/bin/cargo with Debian's rustc: rustup's shims earlier on the PATH would otherwise win
      env.put(CARGO, std.debianCargo().toString());
      env.put("RUSTC", std.rustc().toString());
      env.put("RUSTDOC", std.rustdoc().toString());
    }
    RustStd.Request request = request(plan, target, tc, toolchainEnv, env);
    flags.addAll(request.rustflags());
    if (plan.route() == RustStd.Route.DEBIAN || plan.route() == RustStd.Route.BUILD_STD) {
      plan = std.provide(plan, request.linkerEnv(), flags, progress);
      flags.addAll(0, List.of("--sysroot", plan.sysroot().toString()));
    }
    if (!userRustflags.isBlank()) {
      flags.addAll(Arrays.asList(userRustflags.strip().split("\\s+")));
    }
    // Encoded: one argument per 0x1f-separated field, so no flag is ever split at a space.
    env.put("CARGO_ENCODED_RUSTFLAGS", String.join("\u001f", flags));
    env.put("CARGO_HOME", home.resolve("rust").resolve("cargo-home").toString());
    env.put("CARGO_NET_OFFLINE", "true");
    env.put("CARGO_TERM_COLOR", "never");
    env.put("CARGO_BUILD_TARGET", triple);
    env.put("CROSSKIT_RUST_STD", plan.describe());
    runner.filter(r -> r instanceof WineRunner).map(r -> (WineRunner) r).ifPresent(wine -> {
      // Rust's std calls ProcessPrng from bcryptprimitives.dll, which Wine 8 lacks: a stub provides it
      Runner withStub = WineRustSupport.withProcessPrng(wine, home, processes);
      env.put("CARGO_TARGET_" + upper(triple) + "_RUNNER", String.join(" ", withStub.standaloneArgv()));
    });
    return new Prepared(env, plan.describe());
  }

  /**
   * What providing the target's std needs (its plan, linker variables and crosskit's rustc
   * flags), for {@link RustStd#provideAll}: {@code crosskit setup} builds several at once.
   */
  public RustStd.Request stdRequest(Target target, Toolchain tc, Map<String, String> toolchainEnv) {
    if (target.rustTriple() == null) {
      throw new BadInputException("Rust has no target for " + target.name());
    }
    return request(std.plan(target.rustTriple()), target, tc, toolchainEnv, new LinkedHashMap<>());
  }

  /** The linker variables and rustc flags of a target; the musl linker's variables also go into {@code env}. */
  private RustStd.Request request(RustStd.Plan plan, Target target, Toolchain tc, Map<String, String> toolchainEnv,
      Map<String, String> env) {
    List<String> flags = new ArrayList<>(std.targetRustflags(plan.triple()));
    Map<String, String> linkerEnv = new LinkedHashMap<>(toolchainEnv);
    if (!tc.complete()) {
      // the finder has no musl sysroot for it (its C compiler, if any, would link glibc)
      if (!MuslLinker.available(target)) {
        throw new BadInputException("no C compiler to link Rust programs for " + target.name() + ": "
            + String.join("; ", tc.missing()));
      }
      Map<String, String> musl = MuslLinker.variables(target, sysroots, flags);
      env.putAll(musl);
      linkerEnv.putAll(musl);
    } else {
      // the C toolchain's link flags (a provided sysroot's, for example) reach rustc's link too
      tc.ldflags().stream().filter(f -> !f.equals("-static")).forEach(f -> flags.addAll(List.of("-C", "link-arg=" + f)));
    }
    return new RustStd.Request(plan, linkerEnv, flags);
  }

  static String upper(String triple) {
    return triple.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }
}
