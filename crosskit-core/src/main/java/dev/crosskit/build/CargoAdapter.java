package dev.crosskit.build;

import dev.crosskit.CrosskitHome;
import dev.crosskit.UserException;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.WineRunner;
import dev.crosskit.exec.Command;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.rust.MuslLinker;
import dev.crosskit.rust.RustStd;
import dev.crosskit.target.Target;
import dev.crosskit.rust.WineRustSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cargo: {@code cargo build/test --release --target <rust triple>} with the target's linker,
 * runner and cc-crate variables (from the toolchain), the target's standard library from
 * {@link RustStd}, offline (crates.io is not reachable: a project's {@code vendor/} directory is
 * used as the crates.io source when present), with Cargo's home in crosskit's cache.
 */
final class CargoAdapter implements BuildAdapter {
  static final String CARGO = "CROSSKIT_CARGO";

  private final String name;

  CargoAdapter(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** A musl target whose C toolchain the finder lacks can still link, with crosskit's musl sysroot. */
  @Override
  public boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
    return !MuslLinker.available(target);
  }

  @Override
  public Map<String, String> environment(BuildContext ctx) throws IOException {
    String triple = ctx.target().rustTriple();
    if (triple == null) {
      throw new UserException("Rust has no target for " + ctx.target().name());
    }
    RustStd std = RustStd.system(CrosskitHome.dir());
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
    flags.addAll(std.targetRustflags(triple));
    Map<String, String> linkerEnv = new LinkedHashMap<>(ctx.env());
    if (ctx.toolchain().cc() == null) {
      Map<String, String> musl = MuslLinker.variables(ctx.target(), CrosskitHome.dir(), flags);
      env.putAll(musl);
      linkerEnv.putAll(musl);
    } else {
      // the C toolchain's link flags (a provided sysroot's, for example) reach rustc's link too
      ctx.toolchain().ldflags().stream().filter(f -> !f.equals("-static"))
          .forEach(f -> flags.addAll(List.of("-C", "link-arg=" + f)));
    }
    if (plan.route() == RustStd.Route.DEBIAN || plan.route() == RustStd.Route.BUILD_STD) {
      plan = std.provide(plan, linkerEnv, flags, line -> { });
      flags.addAll(0, List.of("--sysroot", plan.sysroot().toString()));
    }
    String user = ctx.settings().rustflags();
    if (!user.isBlank()) {
      flags.addAll(Arrays.asList(user.strip().split("\\s+")));
    }
    // Encoded: one argument per 0x1f-separated field, so no flag is ever split at a space.
    env.put("CARGO_ENCODED_RUSTFLAGS", String.join("\u001f", flags));
    env.put("CARGO_HOME", CrosskitHome.resolve("rust", "cargo-home").toString());
    env.put("CARGO_NET_OFFLINE", "true");
    env.put("CARGO_TARGET_DIR", ctx.buildDir().toString());
    env.put("CARGO_TERM_COLOR", "never");
    env.put("CARGO_BUILD_TARGET", triple);
    env.put("CROSSKIT_RUST_STD", plan.describe());
    ctx.runner().filter(r -> r instanceof WineRunner).map(r -> (WineRunner) r).ifPresent(wine -> {
      // Rust's std calls ProcessPrng from bcryptprimitives.dll, which Wine 8 lacks: a stub provides it
      Runner withStub = WineRustSupport.withProcessPrng(wine, CrosskitHome.dir());
      env.put("CARGO_TARGET_" + upper(triple) + "_RUNNER", String.join(" ", withStub.standaloneArgv()));
    });
    return env;
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) {
    return List.of(new BuildStep("build", cargo(ctx, "build")));
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    return new BuildStep("test", cargo(ctx, "test"));
  }

  @Override
  public Path artifactDir(BuildContext ctx) {
    return ctx.buildDir().resolve(ctx.target().rustTriple()).resolve("release");
  }

  private static Command cargo(BuildContext ctx, String verb) {
    String cargo = ctx.env().getOrDefault(CARGO, "cargo");
    List<String> argv = new ArrayList<>(List.of(cargo, verb, "--release", "--offline", "--target",
        ctx.target().rustTriple()));
    if (verb.equals("build")) {
      argv.addAll(List.of("--jobs", String.valueOf(ctx.jobs())));
    }
    List<String> features = ctx.settings().features();
    if (!features.isEmpty()) {
      argv.addAll(List.of("--features", String.join(",", features)));
    }
    Path vendor = ctx.sourceDir().resolve("vendor");
    if (Files.isDirectory(vendor)) {
      // what `cargo vendor` tells you to put in .cargo/config.toml, given on the command line
      argv.addAll(List.of("--config", "source.crates-io.replace-with=\"vendored-sources\"",
          "--config", "source.vendored-sources.directory=\"" + vendor.toAbsolutePath() + "\""));
    }
    return Command.of(argv).withCwd(ctx.sourceDir());
  }

  static String upper(String triple) {
    return triple.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  @Override
  public TestParser testParser() {
    return TestOutputParser.LIBTEST;
  }
}
