package dev.crosskit.rust;

import dev.crosskit.base.Deletion;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.StagedDirectory;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Compiles the Rust standard library for a target that has no packaged one, once, into a
 * sysroot in crosskit's cache: {@code cargo test --no-run -Zbuild-std} on a one-test stub crate
 * (so the test harness is built too, and linking a real test program proves the linker set-up),
 * with Debian's std sources and their vendored crates, offline. The resulting rlibs become
 * {@code <sysroot>/lib/rustlib/<triple>/lib}, which later builds use through {@code --sysroot}.
 */
final class BuildStd {
  static final String DONE = ".crosskit-std-complete";

  private final RustStd std;
  private final ProcessRunner processes;

  BuildStd(RustStd std, ProcessRunner processes) {
    this.std = std;
    this.processes = processes;
  }

  void build(RustStd.Plan plan, Map<String, String> linkerEnv, List<String> rustflags, Consumer<String> progress) {
    String triple = plan.triple();
    Path sysroot = plan.sysroot();
    Path work = sysroot.resolveSibling(".work-" + sysroot.getFileName() + "-" + ProcessHandle.current().pid());
    try (StagedDirectory staged = new StagedDirectory(sysroot)) {
      Path staging = staged.path();
      Deletion.tree(work);
      Path lib = Files.createDirectories(staging.resolve("lib/rustlib").resolve(triple).resolve("lib"));
      Files.createDirectories(work.resolve("src"));
      Files.writeString(work.resolve("Cargo.toml"), "[package]\nname = \"crosskit-std-stub\"\nversion = \"0.0.0\"\n"
          + "edition = \"2021\"\n\n[workspace]\n");
      Files.writeString(work.resolve("src/lib.rs"), "#[test]\nfn links() {}\n");
      List<String> flags = new ArrayList<>(rustflags);
      if (std.unwindFromLibgccEh(triple)) {
        unwindShim(linkerEnv, triple, lib, work);
        flags.addAll(List.of("-L", lib.toString()));
      }
      Map<String, String> env = new LinkedHashMap<>(linkerEnv);
      env.put("RUSTC_BOOTSTRAP", "1"); // -Zbuild-std is unstable; Debian's stable rustc allows it only so
      env.put("RUSTC", std.rustc().toString());
      env.put("RUSTDOC", std.rustdoc().toString());
      env.put("CARGO_HOME", work.resolve("cargo-home").toString());
      env.put("CARGO_TARGET_DIR", work.resolve("target").toString());
      env.put("CARGO_ENCODED_RUSTFLAGS", String.join("\u001f", flags));
      env.remove("RUSTFLAGS");
      Path vendor = std.srcDir().resolve("vendor");
      List<String> argv = List.of(std.debianCargo().toString(), "test", "--no-run", "--release", "--offline",
          "-Zbuild-std=" + std.buildStdCrates(), "--target", triple, "--manifest-path", work.resolve("Cargo.toml").toString(),
          "--config", "source.crates-io.replace-with=\"crosskit-std-vendor\"",
          "--config", "source.crosskit-std-vendor.directory=\"" + vendor + "\"");
      progress.accept("building the Rust standard library for " + triple + " from " + std.srcDir()
          + " (once; this takes minutes)");
      Result r = processes.capture(new Command(argv, env, work, std.buildStdTimeout()));
      if (!r.ok()) {
        throw new FailedException("building the Rust standard library for " + triple + " failed"
            + (r.timedOut() ? " (timed out)" : "") + ":\n" + r.tail(25));
      }
      try (Stream<Path> deps = Files.list(work.resolve("target").resolve(triple).resolve("release/deps"))) {
        for (Path p : deps.toList()) {
          String name = p.getFileName().toString();
          if (name.endsWith(".rlib") && !name.startsWith("libcrosskit_std_stub")) {
            Files.copy(p, lib.resolve(name));
          }
        }
      }
      Files.writeString(staging.resolve(DONE), std.compilerVersion().orElse("") + "\n");
      staged.commitUnlessPresent(); // false: another build made it meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the Rust standard library for " + triple, e);
    } finally {
      Deletion.treeUnchecked(work);
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

  private Result run(List<String> argv, Path cwd) {
    Result r = processes.capture(new Command(argv, Map.of(), cwd, java.time.Duration.ofMinutes(2)));
    if (!r.ok()) {
      throw new FailedException(String.join(" ", argv) + " failed: " + r.tail(10));
    }
    return r;
  }
}
