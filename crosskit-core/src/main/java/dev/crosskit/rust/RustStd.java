package dev.crosskit.rust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.JsonTreeReader;
import dev.crosskit.base.StagedDirectory;
import dev.crosskit.base.UserException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.sysroot.DebExtractor;
import dev.crosskit.sysroot.DebPackage;
import dev.crosskit.sysroot.DebianSuite;
import dev.crosskit.sysroot.PrivateApt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds, for a Rust target triple, where its standard library comes from (the routes of
 * {@code rust-std.json}: rustup, installed, debian, build-std), and provides it: Debian's
 * package unpacked into crosskit's cache, or std compiled once from Debian's sources.
 */
public final class RustStd {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  /** How a target gets its std. */
  public enum Route { RUSTUP, INSTALLED, DEBIAN, BUILD_STD }

  /**
   * A plan for one triple.
   *
   * @param toolchain the rustup toolchain name (RUSTUP route), else null
   * @param sysroot the directory to pass as {@code --sysroot} (DEBIAN, BUILD_STD), else null
   * @param ready whether the std is there already (false: {@link #provide} fetches or builds it)
   */
  public record Plan(String triple, Route route, String toolchain, Path sysroot, boolean ready, String debianArch) {
    public String describe() {
      return switch (route) {
        case RUSTUP -> "rustup toolchain " + toolchain + " has std for " + triple;
        case INSTALLED -> "Debian's rustc has std for " + triple + " installed";
        case DEBIAN -> "std from Debian's libstd-rust-web-dev:" + debianArch + (ready ? " (in crosskit's cache)"
            : " (fetched on first build or by crosskit setup)");
        case BUILD_STD -> "std built from Debian's rust-web-src with cargo -Zbuild-std" + (ready ? " (built, in crosskit's cache)"
            : " (built on first build or by crosskit setup: takes minutes)");
      };
    }
  }

  /**
   * A target whose std is wanted, with what building it needs.
   *
   * @param linkerEnv the target's C toolchain variables (linker, {@code CC_<triple>}, ...)
   * @param rustflags crosskit's rustc flags for the target (link flags, musl settings)
   */
  public record Request(Plan plan, Map<String, String> linkerEnv, List<String> rustflags) {
    public String triple() {
      return plan.triple();
    }
  }

  private final JsonNode data;
  private final Path home;
  private final Path userHome;
  private final ProcessRunner processes;

  public RustStd(Path crosskitHome, Path userHome, ProcessRunner processes) {
    this.data = load();
    this.home = crosskitHome;
    this.userHome = userHome;
    this.processes = processes;
  }

  private static JsonNode load() {
    try (InputStream in = RustStd.class.getResourceAsStream("/dev/crosskit/rust/rust-std.json")) {
      return JsonTreeReader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rust-std.json", e);
    }
  }

  public Path rustc() {
    return Path.of(debian("rustc"));
  }

  public Path rustdoc() {
    return Path.of(debian("rustdoc"));
  }

  public Path debianCargo() {
    return Path.of(debian("cargo"));
  }

  public Path rustupCargo() {
    return expandHome(data.path("rustup").path("cargo").asText());
  }

  Path home() {
    return home;
  }

  JsonNode data() {
    return data;
  }

  String debian(String key) {
    return data.path("debian").path(key).asText();
  }

  /** Which route a triple takes here (file checks only; no download). */
  public Plan plan(String triple) {
    Optional<String> rustupToolchain = rustupToolchainWith(triple);
    if (rustupToolchain.isPresent() && Files.isExecutable(rustupCargo())) {
      return new Plan(triple, Route.RUSTUP, rustupToolchain.get(), null, true, null);
    }
    if (Files.isDirectory(Path.of("/usr/lib/rustlib", triple, "lib"))) {
      return new Plan(triple, Route.INSTALLED, null, null, true, null);
    }
    String debArch = data.path("debianArches").path(triple).asText(null);
    String version = compilerVersion().orElse("none");
    if (debArch != null) {
      Path root = home.resolve("rust").resolve("std").resolve(version).resolve(triple);
      boolean fetched = Files.isDirectory(root.resolve("usr/lib/rustlib").resolve(triple));
      Plan built = buildStdPlan(triple);
      if (!fetched && built.ready()) {
        return built; // Debian's package could not be had earlier; std was built from source instead
      }
      return new Plan(triple, Route.DEBIAN, null, root.resolve("usr"), fetched, debArch);
    }
    return buildStdPlan(triple);
  }

  private Optional<String> rustupToolchainWith(String triple) {
    Path toolchains = userHome.resolve(".rustup/toolchains");
    if (!Files.isDirectory(toolchains)) {
      return Optional.empty();
    }
    try (var dirs = Files.list(toolchains)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("lib/rustlib").resolve(triple).resolve("lib")))
          .map(d -> d.getFileName().toString())
          // stable before nightly or beta: a release build should not silently use an unstable compiler
          .sorted(java.util.Comparator.comparing((String n) -> !n.startsWith("stable")).thenComparing(n -> n))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The installed Debian rustc's package version ({@code 1.96.0+dfsg1-1~deb12u2}), if any. */
  public Optional<String> compilerVersion() {
    if (!Files.isExecutable(rustc())) {
      return Optional.empty();
    }
    return packageVersion(debian("compilerPackage"));
  }

  /** The version of an installed Debian package, if it is installed. */
  private Optional<String> packageVersion(String pkg) {
    Result r = processes.capture(Command.of("dpkg-query", "-W", "-f", "${db:Status-Abbrev}${Version}", pkg)
        .withTimeout(PROBE_TIMEOUT));
    String out = r.output().strip();
    // "ii 1.96.0+dfsg1-1~deb12u2": installed; "un " or a failure: not
    return r.ok() && out.startsWith("ii ") ? Optional.of(out.substring(3).strip()) : Optional.empty();
  }

  /** What is missing on the host for Debian's Rust route, as packages to install. */
  public List<String> missingPackages(Route route) {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(rustc())) {
      missing.add(debian("compilerPackage"));
    }
    if (!Files.isExecutable(debianCargo())) {
      missing.add(debian("cargoPackage"));
    }
    if (route == Route.BUILD_STD) {
      // The std's sources must be the compiler's own version: name that version, so installing fixes it.
      Optional<String> compiler = compilerVersion();
      Optional<String> sources = packageVersion(debian("srcPackage"));
      if (!Files.isDirectory(srcDir()) || sources.isEmpty() || (compiler.isPresent() && !compiler.equals(sources))) {
        missing.add(debian("srcPackage") + compiler.map(v -> "=" + v).orElse(""));
      }
      if (!Files.isExecutable(Path.of("/usr/bin/patch"))) {
        missing.add("patch"); // Debian's patches go onto crates taken from its source package
      }
    }
    return missing;
  }

  /**
   * Makes the plan's std available: fetches Debian's package, or builds std, into the cache.
   *
   * @param linkerEnv the target's linker and C compiler variables (for build-std's own link)
   */
  public Plan provide(Plan plan, Map<String, String> linkerEnv, List<String> rustflags, Consumer<String> progress) {
    Map<String, UserException> failed = provideAll(List.of(new Request(plan, linkerEnv, rustflags)), progress);
    if (!failed.isEmpty()) {
      throw failed.values().iterator().next();
    }
    Plan now = plan(plan.triple());
    return now.ready() ? now : buildStdPlan(plan.triple());
  }

  /**
   * Makes the std of several targets available: Debian's packages are fetched one after the
   * other (downloads), then every std that must be compiled is built in one Cargo run, so the
   * targets share the cores.
   *
   * @return per triple whose std could not be provided, why
   */
  public Map<String, UserException> provideAll(List<Request> requests, Consumer<String> progress) {
    Map<String, UserException> failed = new LinkedHashMap<>();
    List<Request> toBuild = new ArrayList<>();
    for (Request r : requests) {
      Plan plan = r.plan();
      if (plan.ready() || plan.route() == Route.RUSTUP || plan.route() == Route.INSTALLED) {
        continue;
      }
      List<String> missing = missingPackages(plan.route());
      if (!missing.isEmpty()) {
        failed.put(plan.triple(), new BadInputException("Rust for " + plan.triple() + " needs Debian's Rust packages "
            + String.join(" ", missing) + ": run 'crosskit setup --lang rust " + plan.triple()
            + "' (as root; or apt-get install " + String.join(" ", missing) + ")"));
        continue;
      }
      if (plan.route() == Route.DEBIAN) {
        try {
          fetchDebian(plan, progress);
          continue;
        } catch (UserException e) {
          // Debian's archive can fail for one architecture (a security index out of sync, say): std
          // can still be built from the sources, which are of the installed compiler's version.
          progress.accept("warning: " + e.getMessage() + "; building std from source instead");
          plan = buildStdPlan(plan.triple());
          if (plan.ready()) {
            continue;
          }
          if (!missingPackages(Route.BUILD_STD).isEmpty()) {
            failed.put(plan.triple(), new BadInputException(e.getMessage() + "; building it instead needs "
                + String.join(" ", missingPackages(Route.BUILD_STD)) + ": run 'crosskit setup --lang rust " + plan.triple()
                + "' (as root; or apt-get install " + String.join(" ", missingPackages(Route.BUILD_STD)) + ")"));
            continue;
          }
        }
      }
      toBuild.add(new Request(plan, r.linkerEnv(), r.rustflags()));
    }
    failed.putAll(new BuildStd(this, processes).build(toBuild, progress));
    return failed;
  }

  private Plan buildStdPlan(String triple) {
    Path built = home.resolve("rust").resolve("std").resolve(compilerVersion().orElse("none")).resolve(triple + "-build-std");
    return new Plan(triple, Route.BUILD_STD, null, built, buildStdStamp().equals(read(built.resolve(BuildStd.DONE))), null);
  }

  /**
   * How a triple's std is had, as crosskit.lock pins it: the route, the compiler's Debian version
   * (std is always that version's) and, for a std built from source, the build recipe's number.
   */
  public String recipeKey(String triple) {
    Plan p = plan(triple);
    return p.route().name().toLowerCase(java.util.Locale.ROOT) + (p.toolchain() == null ? "" : " " + p.toolchain())
        + " " + compilerVersion().orElse("none")
        + (p.route() == Route.BUILD_STD ? " recipe " + data.path("buildStd").path("recipe").asInt(1) : "");
  }

  /**
   * What a complete build-std sysroot's marker file holds: the compiler and the recipe. A std
   * built by an earlier recipe (another profile) is built again.
   */
  String buildStdStamp() {
    return compilerVersion().orElse("") + "\nrecipe " + data.path("buildStd").path("recipe").asInt(1) + "\n";
  }

  static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private void fetchDebian(Plan plan, Consumer<String> progress) {
    String version = compilerVersion().orElseThrow();
    String pkg = debian("stdPackage");
    List<String> tried = new ArrayList<>();
    for (JsonNode archive : data.path("debian").path("archives")) {
      List<String> dists = new ArrayList<>();
      archive.path("dists").forEach(d -> dists.add(d.asText()));
      DebianSuite suite = new DebianSuite(archive.path("suite").asText(), "", "", "", dists);
      PrivateApt apt = PrivateApt.binaries(suite, archive.path("mirror").asText(), plan.debianArch(),
          home.resolve("apt"), processes, progress);
      try {
        apt.update(false);
        List<DebPackage> found = apt.exact(List.of(pkg + "=" + version));
        if (found.isEmpty()) {
          tried.add(suite.name() + ": no " + pkg + " " + version);
          continue;
        }
        PrivateApt.Downloaded got = apt.download(found);
        Path root = plan.sysroot().getParent();
        progress.accept("unpacking " + pkg + ":" + plan.debianArch() + " " + version + " into " + root);
        try (StagedDirectory staged = new StagedDirectory(root)) {
          got.debs().forEach(deb -> DebExtractor.extractDeb(deb, staged.path()));
          if (!Files.isDirectory(staged.path().resolve("usr/lib/rustlib").resolve(plan.triple()))) {
            throw new FailedException(pkg + ":" + plan.debianArch() + " has no std for " + plan.triple());
          }
          staged.commitUnlessPresent(); // false: another build unpacked it first
        }
        return;
      } catch (UserException e) {
        tried.add(suite.name() + ": " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new FailedException("cannot get " + pkg + ":" + plan.debianArch() + " " + version
        + " (the version of the installed rustc): " + String.join("; ", tried));
  }

  Path srcDir() {
    return Path.of(debian("srcDir"));
  }

  String buildStdCrates() {
    return data.path("buildStd").path("crates").asText();
  }

  /** The library profile std is built with ({@code dist}: what Rust's build system, and Debian, use). */
  String stdProfileName() {
    return data.path("buildStd").path("profile").asText("dist");
  }

  /** The profile's settings for sources whose library/Cargo.toml has no such profile (1.85). */
  JsonNode stdProfileFallback() {
    return data.path("buildStd").path("profileFallback");
  }

  /** The flags Rust's build system gives every std crate on top of the profile's. */
  List<String> stdRustflags() {
    List<String> flags = new ArrayList<>();
    data.path("buildStd").path("rustflags").forEach(f -> flags.add(f.asText()));
    return flags;
  }

  /** The flags Rust's build system gives std for some targets only (riscv: unwind tables). */
  List<String> stdTargetRustflags(String triple) {
    List<String> flags = new ArrayList<>();
    for (JsonNode rule : data.path("buildStd").path("targetRustflags")) {
      for (JsonNode prefix : rule.path("prefixes")) {
        if (triple.startsWith(prefix.asText())) {
          rule.path("flags").forEach(f -> flags.add(f.asText()));
          break;
        }
      }
    }
    return flags;
  }

  Duration buildStdTimeout() {
    return Duration.ofMinutes(data.path("buildStd").path("timeoutMinutes").asLong(40));
  }

  /** crosskit's own rustc flags for the target ({@code targetRustflags} in rust-std.json). */
  public List<String> targetRustflags(String triple) {
    List<String> flags = new ArrayList<>();
    for (JsonNode rule : data.path("targetRustflags")) {
      for (JsonNode suffix : rule.path("suffixes")) {
        if (triple.endsWith(suffix.asText())) {
          rule.path("flags").forEach(f -> flags.add(f.asText()));
          break;
        }
      }
    }
    return flags;
  }

  /** Whether the target's programs link Rust's own startup objects (rsbegin.o, rsend.o: windows-gnu). */
  boolean startupObjects(String triple) {
    return endsWithAny(triple, "startupObjects");
  }

  boolean unwindFromLibgccEh(String triple) {
    return endsWithAny(triple, "unwindFromLibgccEh");
  }

  private boolean endsWithAny(String triple, String key) {
    for (JsonNode n : data.path(key)) {
      if (triple.endsWith(n.asText())) {
        return true;
      }
    }
    return false;
  }

  private Path expandHome(String p) {
    return p.startsWith("~/") ? userHome.resolve(p.substring(2)) : Path.of(p);
  }
}
