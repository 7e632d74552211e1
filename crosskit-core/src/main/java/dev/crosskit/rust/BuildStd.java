package dev.crosskit.rust;

import dev.crosskit.base.Deletion;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.Json;
import dev.crosskit.base.StagedDirectory;
import dev.crosskit.base.UserException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.LineSink;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Compiles the Rust standard library for targets that have no packaged one, once, into sysroots
 * in crosskit's cache. Several targets are built by ONE Cargo run ({@code --target} repeated):
 * Cargo's job server then keeps every core busy across the targets' crates, and the host build
 * scripts they share are compiled once. The run is {@code cargo test --no-run -Zbuild-std} on a
 * one-test stub crate (so the test harness is built too, and linking a real test program per
 * target proves its linker set-up) with the profile of {@link StdProfile}, offline, against the
 * sources of {@link StdSources}. Each target's rlibs become
 * {@code <sysroot>/lib/rustlib/<triple>/lib}, which later builds use through {@code --sysroot}.
 */
final class BuildStd {
  static final String DONE = ".crosskit-std-complete";
  private static final long HEARTBEAT_SECONDS = 15;
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final RustStd std;
  private final ProcessRunner processes;

  BuildStd(RustStd std, ProcessRunner processes) {
    this.std = std;
    this.processes = processes;
  }

  /**
   * Builds the std of every request in one Cargo run.
   *
   * @return per triple that failed, why (the others are in the cache)
   */
  Map<String, UserException> build(List<RustStd.Request> requests, Consumer<String> progress) {
    Map<String, UserException> failed = new LinkedHashMap<>();
    if (requests.isEmpty()) {
      return failed;
    }
    Path root = requests.get(0).plan().sysroot().getParent();
    String run = ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    Path work = root.resolve(".work-" + run);
    Map<String, StagedDirectory> staging = new LinkedHashMap<>();
    try {
      Deletion.tree(work);
      Files.createDirectories(work.resolve("src"));
      Files.writeString(work.resolve("src/lib.rs"), "#[test]\nfn links() {}\n");
      Map<String, String> env = new LinkedHashMap<>();
      List<String> targetArgs = new ArrayList<>();
      List<RustStd.Request> building = new ArrayList<>();
      for (RustStd.Request r : requests) {
        StagedDirectory stage = new StagedDirectory(r.plan().sysroot());
        staging.put(r.triple(), stage);
        Path lib = Files.createDirectories(stage.path().resolve("lib/rustlib").resolve(r.triple()).resolve("lib"));
        List<String> flags = new ArrayList<>(r.rustflags());
        flags.addAll(std.stdTargetRustflags(r.triple()));
        try {
          if (std.unwindFromLibgccEh(r.triple())) {
            unwindShim(r.linkerEnv(), r.triple(), lib, Files.createDirectories(work.resolve("shim-" + r.triple())));
            flags.addAll(List.of("-L", lib.toString()));
          }
          if (std.startupObjects(r.triple()) && startupObjects(r.triple(), lib)) {
            flags.addAll(List.of("-L", lib.toString()));
          }
        } catch (UserException e) {
          failed.put(r.triple(), e);
          continue;
        }
        env.putAll(ownVariables(r.linkerEnv(), r.triple()));
        targetArgs.addAll(List.of("--target", r.triple(), "--config",
            "target." + r.triple() + ".rustflags=" + StdProfile.array(flags)));
        building.add(r);
      }
      if (building.isEmpty()) {
        return failed;
      }
      env.put("RUSTC_BOOTSTRAP", "1"); // -Zbuild-std is unstable; Debian's stable rustc allows it only so
      env.put("RUSTC", std.rustc().toString());
      env.put("RUSTDOC", std.rustdoc().toString());
      env.put("CARGO_HOME", work.resolve("cargo-home").toString());
      env.put("CARGO_TARGET_DIR", work.resolve("target").toString());
      env.put("CARGO_TERM_COLOR", "never");
      // The flags above are per target; these would override them for all.
      for (String k : List.of("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_TARGET", "CARGO_BUILD_RUSTFLAGS")) {
        env.put(k, null);
      }
      List<String> triples = building.stream().map(RustStd.Request::triple).toList();
      StdSources stdSources = new StdSources(std, processes);
      stdSources.installed(); // the version check first: its message beats Cargo's
      Files.writeString(work.resolve("Cargo.toml"), StdProfile.stubManifest(std.srcDir().resolve("Cargo.toml"),
          std.stdProfileName(), std.stdProfileFallback(), std.stdRustflags()));
      String[] unitGraph = {""};
      StdSources.Tree sources = stdSources.locate(vendor -> {
        Result probe = processes.capture(new Command(cargoArgv(work, vendor, targetArgs, List.of("-Zunstable-options",
            "--unit-graph")), env, work, java.time.Duration.ofMinutes(2)));
        unitGraph[0] = probe.output();
        return probe.ok() ? Optional.empty() : Optional.of(probe.tail(8));
      }, work, progress);
      StdBuildProgress state = new StdBuildProgress(unitGraph[0], triples);
      progress.accept("building the Rust standard library for " + String.join(", ", triples) + " in one Cargo run from "
          + sources.origin() + " (once; this takes minutes)");
      Path log = root.resolve("build-std-" + run + ".log");
      Result r = runCargo(new Command(cargoArgv(work, sources.vendor(), targetArgs,
          List.of("--message-format=json-render-diagnostics")), env, work, std.buildStdTimeout()), state, log, progress);
      for (RustStd.Request req : building) {
        String triple = req.triple();
        Optional<java.time.Duration> after = state.finishedAfter(triple);
        if (after.isEmpty()) {
          failed.put(triple, new FailedException("building the Rust standard library for " + triple + " failed"
              + (r.timedOut() ? " (timed out)" : "") + " (log: " + log + "):\n" + tail(log, 25)));
          continue;
        }
        install(work, triple, staging.get(triple), req.plan().sysroot());
        progress.accept("Rust std for " + triple + ": built and installed in crosskit's cache after "
            + StdBuildProgress.duration(after.get()));
      }
      if (failed.isEmpty()) {
        Files.deleteIfExists(log);
      }
      return failed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the Rust standard library for " + requests.stream()
          .map(RustStd.Request::triple).toList(), e);
    } finally {
      Deletion.treeUnchecked(work);
      for (StagedDirectory stage : staging.values()) {
        try {
          stage.close(); // removes what was not installed
        } catch (IOException e) {
          progress.accept("warning: cannot remove " + stage.path() + ": " + e.getMessage());
        }
      }
    }
  }

  private List<String> cargoArgv(Path work, Path vendor, List<String> targetArgs, List<String> extra) {
    List<String> argv = new ArrayList<>(List.of(std.debianCargo().toString(), "test", "--no-run", "--release",
        "--offline", "--no-fail-fast", "-Zbuild-std=" + std.buildStdCrates(), "--manifest-path",
        work.resolve("Cargo.toml").toString(),
        "--config", "source.crates-io.replace-with=\"crosskit-std-vendor\"",
        "--config", "source.crosskit-std-vendor.directory=" + Json.write(vendor.toString())));
    argv.addAll(targetArgs);
    argv.addAll(extra);
    return argv;
  }

  /** Runs Cargo with its JSON messages feeding the progress and a heartbeat line every few seconds. */
  private Result runCargo(Command cargo, StdBuildProgress state, Path log, Consumer<String> progress) throws IOException {
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rust-std-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(() -> progress.accept("Rust std: " + state.line()), HEARTBEAT_SECONDS,
        HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    // Cargo's human messages (what compiles, errors) go to the log; its JSON ones feed the progress.
    try (OutputStream stderr = Files.newOutputStream(log); LineSink stdout = new LineSink(state::accept)) {
      return processes.interactive(cargo, InputStream.nullInputStream(), stdout, stderr);
    } finally {
      heartbeat.shutdownNow();
    }
  }

  /** The variables of {@code env} that name this triple (Cargo's and the cc crate's per-target ones). */
  static Map<String, String> ownVariables(Map<String, String> env, String triple) {
    String upper = triple.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    String lower = triple.replace('-', '_').replace('.', '_');
    Map<String, String> own = new LinkedHashMap<>();
    env.forEach((k, v) -> {
      boolean cargoTarget = k.startsWith("CARGO_TARGET_" + upper + "_") && !k.endsWith("_RUNNER");
      if (cargoTarget || k.endsWith("_" + lower) || k.endsWith("_" + triple)) {
        own.put(k, v);
      }
    });
    return own;
  }

  /** Copies the triple's rlibs into its staging sysroot and moves that into place in one step. */
  private void install(Path work, String triple, StagedDirectory stage, Path sysroot) throws IOException {
    Path lib = stage.path().resolve("lib/rustlib").resolve(triple).resolve("lib");
    try (Stream<Path> deps = Files.list(work.resolve("target").resolve(triple).resolve("release/deps"))) {
      for (Path p : deps.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".rlib") && !name.startsWith("lib" + StdProfile.STUB_NAME.replace('-', '_'))) {
          Files.copy(p, lib.resolve(name));
        }
      }
    }
    Files.writeString(stage.path().resolve(DONE), std.buildStdStamp());
    // Present already: another crosskit built it meanwhile (kept), or an earlier recipe did (replaced).
    if (!stage.commitUnlessPresent() && !std.buildStdStamp().equals(RustStd.read(sysroot.resolve(DONE)))) {
      stage.commit();
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * {@code libunwind.a} for a musl target: a copy of the target C compiler's libgcc_eh.a (the
   * same _Unwind_* API as LLVM's libunwind, which is not packaged for these targets) plus
   * {@code dl_find_object.c}, because gcc 12's unwinder calls glibc's _dl_find_object.
   */
  private void unwindShim(Map<String, String> env, String triple, Path lib, Path work) throws IOException {
    String lower = triple.replace('-', '_').replace('.', '_');
    String cc = env.get("CC_" + lower);
    String ar = env.getOrDefault("AR_" + lower, "ar");
    if (cc == null) {
      throw new FailedException("no C compiler for " + triple + " (CC_" + lower + ") to make its unwinder with");
    }
    List<String> ccArgv = new ArrayList<>(List.of(cc.strip().split("\\s+")));
    // The target's C flags carry what selects its libc (the musl specs file): without them a gnu
    // cross gcc compiles against its own glibc headers.
    String cflags = env.getOrDefault("CFLAGS_" + lower, "").strip();
    if (!cflags.isEmpty()) {
      ccArgv.addAll(List.of(cflags.split("\\s+")));
    }
    List<String> print = new ArrayList<>(ccArgv);
    print.add("-print-file-name=libgcc_eh.a");
    Result r = run(print, work);
    Path libgccEh = Path.of(r.output().strip());
    if (!libgccEh.isAbsolute() || !Files.isRegularFile(libgccEh)) {
      throw new FailedException(cc + " has no libgcc_eh.a, which std for " + triple + " links as libunwind");
    }
    Path unwind = lib.resolve("libunwind.a");
    Files.copy(libgccEh, unwind);
    unwind.toFile().setWritable(true);
    try (var in = BuildStd.class.getResourceAsStream("/dev/crosskit/rust/dl_find_object.c")) {
      Files.copy(in, work.resolve("dl_find_object.c"));
    }
    List<String> compile = new ArrayList<>(ccArgv);
    compile.addAll(List.of("-O2", "-fPIC", "-c", "dl_find_object.c", "-o", "dl_find_object.o"));
    run(compile, work);
    run(List.of(ar, "rs", unwind.toString(), "dl_find_object.o"), work);
  }

  /**
   * {@code rsbegin.o} and {@code rsend.o} for a windows-gnu target, compiled from the sources'
   * {@code library/rtstartup} as Rust's build system does: rustc 1.85 links every windows-gnu
   * program with them (later versions do not, and are given them all the same).
   *
   * @return whether the sources have them
   */
  private boolean startupObjects(String triple, Path lib) {
    Path dir = std.srcDir().resolve("rtstartup");
    if (!Files.isDirectory(dir)) {
      return false;
    }
    for (String name : List.of("rsbegin", "rsend")) {
      Result r = processes.capture(new Command(List.of(std.rustc().toString(), "--target", triple, "--emit=obj", "-o",
          lib.resolve(name + ".o").toString(), dir.resolve(name + ".rs").toString()), Map.of("RUSTC_BOOTSTRAP", "1"), null,
          java.time.Duration.ofMinutes(2)));
      if (!r.ok()) {
        throw new FailedException("cannot compile " + name + ".o for " + triple + ": " + r.tail(10));
      }
    }
    return true;
  }

  private Result run(List<String> argv, Path cwd) {
    Result r = processes.capture(new Command(argv, Map.of(), cwd, java.time.Duration.ofMinutes(2)));
    if (!r.ok()) {
      throw new FailedException(String.join(" ", argv) + " failed: " + r.tail(10));
    }
    return r;
  }
}
