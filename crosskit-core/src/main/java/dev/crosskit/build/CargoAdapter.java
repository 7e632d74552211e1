package dev.crosskit.build;

import dev.crosskit.base.HostTools;
import dev.crosskit.base.FailedException;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.exec.Command;
import dev.crosskit.rust.CargoEnvironment;
import dev.crosskit.rust.MuslLinker;
import dev.crosskit.rust.ProjectRustflags;
import dev.crosskit.target.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cargo: {@code cargo build/test --release --target <rust triple>} with the target's linker,
 * runner and cc-crate variables (from the toolchain), the target's standard library from
 * {@link dev.crosskit.rust.RustStd}, offline (crates.io is not reachable: a project's {@code vendor/} directory is
 * used as the crates.io source when present), with Cargo's home in crosskit's cache.
 */
final class CargoAdapter implements BuildAdapter {
  static final String CARGO = CargoEnvironment.CARGO;
  private static final String ENCODED_RUSTFLAGS = "CARGO_ENCODED_RUSTFLAGS";

  private final String name;

  CargoAdapter(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean compileCached() {
    return false;
  }

  @Override
  public boolean keepsBuildDir() {
    return true;
  }

  /** A musl target whose C toolchain the finder lacks can still link, with crosskit's musl sysroot. */
  @Override
  public boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
    return !MuslLinker.available(target);
  }

  @Override
  public Map<String, String> environment(BuildContext ctx) {
    if (ctx.target().isBareMetal()) {
      // The std routes build std; a bare-metal target has only core and alloc (docs/bare-metal.md).
      throw new FailedException("crosskit build does not build Rust for bare-metal targets yet: use crosskit"
          + " toolchain-file " + ctx.target().name() + " --format cargo with cargo -Zbuild-std=core,alloc"
          + " (docs/bare-metal.md)");
    }
    Map<String, String> env = new LinkedHashMap<>(ctx.host().cargoEnvironment().of(ctx.target(), ctx.toolchain(), ctx.runner(),
        ctx.env(), ctx.settings().rustflags(), line -> { }));
    List<String> own = ProjectRustflags.of(ctx.sourceDir(), ctx.target().rustTriple());
    if (!own.isEmpty()) {
      // Cargo ignores config files' rustflags when the encoded variable is set: they join it
      env.merge(ENCODED_RUSTFLAGS, String.join("\u001f", own), (a, b) -> a.isEmpty() ? b : a + "\u001f" + b);
    }
    env.put("CARGO_TARGET_DIR", ctx.buildDir().toString());
    return env;
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) {
    return List.of(new BuildStep("build", cargo(ctx, "build")));
  }

  @Override
  public boolean jobserverClient(HostTools tools) {
    return true;
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
    if (verb.equals("build") && !ctx.jobserver()) {
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

  @Override
  public TestParser testParser() {
    return TestOutputParser.LIBTEST;
  }
}
