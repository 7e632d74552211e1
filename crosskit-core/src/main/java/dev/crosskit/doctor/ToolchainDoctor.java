package dev.crosskit.doctor;

import dev.crosskit.doctor.DoctorReport.Check;
import dev.crosskit.doctor.DoctorReport.Status;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.Runners;
import dev.crosskit.host.Host;
import dev.crosskit.rust.MuslLinker;
import dev.crosskit.rust.RustStd;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Gap;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainData;
import dev.crosskit.toolchain.ToolchainFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, for each target, what this host has to build C, C++, Go and Rust and to run the
 * results (emulator, binfmt_misc), whether the compile cache (ccache) is there, and says how to
 * close every gap. File checks only.
 */
public final class ToolchainDoctor {
  private final ToolchainFinder finder;
  private final Runners runners;
  private final Binfmt binfmt;
  private final RustStd rustStd;

  public ToolchainDoctor(ToolchainFinder finder, Runners runners, Binfmt binfmt, RustStd rustStd) {
    this.finder = finder;
    this.runners = runners;
    this.binfmt = binfmt;
    this.rustStd = rustStd;
  }

  /** The doctor for a host, seeing its toolchains through {@code finder} (one of the host's). */
  public static ToolchainDoctor of(Host host, ToolchainFinder finder) {
    return new ToolchainDoctor(finder, host.runners(), host.binfmt(), host.rustStd());
  }

  public ToolchainFinder finder() {
    return finder;
  }

  public Runners runners() {
    return runners;
  }

  public Binfmt binfmt() {
    return binfmt;
  }

  public DoctorReport check(List<Target> targets) {
    List<DoctorReport.TargetReport> reports = new ArrayList<>();
    for (Target t : targets) {
      reports.add(check(t));
    }
    return new DoctorReport(reports);
  }

  public DoctorReport.TargetReport check(Target t) {
    ToolchainFinder.Assessment a = finder.assess(t);
    List<Check> checks = new ArrayList<>();
    checks.add(c(a));
    checks.add(cxx(a));
    checks.add(go(t, a));
    checks.add(rust(t, a));
    checks.add(run(t, a));
    binfmt(t).ifPresent(checks::add);
    debug(t).ifPresent(checks::add);
    checks.add(compileCache());
    return new DoctorReport.TargetReport(t.name(), checks);
  }

  private Check c(ToolchainFinder.Assessment a) {
    Toolchain tc = a.toolchain();
    if (!a.supported()) {
      return new Check("C", Status.UNSUPPORTED, a.gaps().get(0).what(), a.gaps());
    }
    if (!tc.complete()) {
      return new Check("C", Status.MISSING, tc.kind() + ": " + String.join("; ", a.gaps().stream().map(Gap::what).toList()), a.gaps());
    }
    return new Check("C", Status.OK, tc.cc() + " (" + tc.kind() + ")"
        + (tc.sysroot() != null ? ", sysroot " + tc.sysroot() : "")
        + (a.sysrootNote() != null ? ", " + a.sysrootNote() : ""), List.of());
  }

  private Check cxx(ToolchainFinder.Assessment a) {
    Toolchain tc = a.toolchain();
    if (!a.supported()) {
      return new Check("C++", Status.UNSUPPORTED, a.gaps().get(0).what(), a.gaps());
    }
    List<Gap> gaps = new ArrayList<>(a.gaps());
    if (a.cxxGap() != null) {
      gaps.add(a.cxxGap());
    }
    if (gaps.isEmpty()) {
      return new Check("C++", Status.OK, tc.cxx() + (a.cxxNote() != null ? " " + a.cxxNote() : ""), List.of());
    }
    boolean noFix = a.cxxGap() != null && a.cxxGap().packages().isEmpty() && a.gaps().isEmpty();
    return new Check("C++", noFix ? Status.UNSUPPORTED : Status.MISSING,
        String.join("; ", gaps.stream().map(Gap::what).toList()), gaps);
  }

  private Check go(Target t, ToolchainFinder.Assessment a) {
    if (t.field("goOs").isEmpty() || t.field("goArch").isEmpty()) {
      return new Check("Go", Status.UNSUPPORTED, "Go has no port for " + t.name(), List.of());
    }
    ToolchainData.LanguageSpec spec = finder.data().language("go");
    Optional<Path> go = finder.tools().whichAny(spec.binaries());
    String goEnv = "GOOS=" + t.fields().get("goOs") + " GOARCH=" + t.fields().get("goArch")
        + t.field("goArm").map(v -> " GOARM=" + v).orElse("");
    if (go.isEmpty()) {
      return new Check("Go", Status.MISSING, "no go compiler", List.of(Gap.packages("go", spec.packages())));
    }
    if (a.toolchain().complete()) {
      return new Check("Go", Status.OK, go.get() + " " + goEnv + "; cgo with CC=" + a.toolchain().cc(), List.of());
    }
    return new Check("Go", Status.PARTIAL, go.get() + " " + goEnv + "; pure Go only (CGO_ENABLED=0): cgo needs the C toolchain",
        a.gaps());
  }

  /**
   * Rust: the route the target's standard library takes (rustup, Debian's installed std, Debian's
   * package for the target's architecture, or built from source; see docs/rust-go.md), what
   * Debian packages that route needs on the host, and the linker.
   */
  private Check rust(Target t, ToolchainFinder.Assessment a) {
    String triple = t.rustTriple();
    if (triple == null) {
      return new Check("Rust", Status.UNSUPPORTED, "Rust has no target for " + t.name(), List.of());
    }
    if (t.isBareMetal()) {
      return bareMetalRust(a);
    }
    RustStd std = rustStd;
    RustStd.Plan plan = std.plan(triple);
    List<Gap> gaps = new ArrayList<>();
    List<String> missing = plan.route() == RustStd.Route.RUSTUP ? List.of() : std.missingPackages(plan.route());
    if (!missing.isEmpty()) {
      gaps.add(Gap.packages("Rust " + String.join(", ", missing), missing));
    }
    boolean muslLinker = !a.toolchain().complete() && MuslLinker.available(t);
    if (!a.toolchain().complete() && !muslLinker) {
      gaps.addAll(a.gaps()); // rustc links through the target's C compiler
    }
    if (!gaps.isEmpty()) {
      return new Check("Rust", a.supported() ? Status.MISSING : Status.UNSUPPORTED,
          plan.describe() + "; " + String.join("; ", gaps.stream().map(Gap::what).toList()), gaps);
    }
    String linker = muslLinker ? "linker: gcc with crosskit's musl sysroot (made on first build)" : "linker " + a.toolchain().cc();
    return new Check("Rust", plan.ready() ? Status.OK : Status.PARTIAL, plan.describe() + "; " + linker, List.of());
  }

  /** There is no std without an OS: core and alloc build with -Zbuild-std from rust-web-src (docs/bare-metal.md). */
  private Check bareMetalRust(ToolchainFinder.Assessment a) {
    ToolchainData.LanguageSpec rust = finder.data().language("rust");
    List<Gap> gaps = new ArrayList<>();
    if (finder.tools().whichAny(rust.binaries()).isEmpty()) {
      gaps.add(Gap.packages("Rust compiler and cargo", rust.packages()));
    }
    if (!finder.tools().isDirectory(rust.buildStdDir())) {
      gaps.add(Gap.packages("Rust library sources " + rust.buildStdDir(), rust.buildStdPackages()));
    }
    gaps.addAll(a.gaps());
    String what = "no_std only: core and alloc with cargo -Zbuild-std and crosskit toolchain-file --format cargo"
        + " (docs/bare-metal.md); crosskit build does not build them yet";
    return new Check("Rust", gaps.isEmpty() ? Status.PARTIAL : Status.MISSING,
        gaps.isEmpty() ? what : what + "; " + String.join("; ", gaps.stream().map(Gap::what).toList()), gaps);
  }

  private Check run(Target t, ToolchainFinder.Assessment a) {
    Optional<Gap> gap = runners.gap(t);
    if (gap.isPresent()) {
      return new Check("run", runners.kind(t) == null ? Status.UNSUPPORTED : Status.MISSING,
          gap.get().what(), List.of(gap.get()));
    }
    Runner r = runners.find(t, a.toolchain()).orElseThrow();
    String how = r.prefix().isEmpty() ? "native" : r.name() + ": " + String.join(" ", r.prefix());
    return new Check("run", Status.OK, how, List.of());
  }

  /** The debugger crosskit debug attaches to QEMU's gdbstub; only targets that run under QEMU have one. */
  private Optional<Check> debug(Target t) {
    String kind = runners.kind(t);
    if (kind == null || !kind.startsWith("qemu")) {
      return Optional.empty();
    }
    ToolchainData.RunnerSpec gdb = finder.data().debugger();
    Optional<Path> found = finder.tools().whichAny(gdb.binaries());
    return Optional.of(found.isPresent() ? new Check("debug", Status.OK, found.get() + " (crosskit debug)", List.of())
        : new Check("debug", Status.MISSING, "no " + gdb.binaries().get(0) + " for crosskit debug",
            List.of(Gap.packages("debugger " + gdb.binaries().get(0), gdb.packages()))));
  }

  /** ccache, the compile cache every C and C++ build uses when installed (docs/compile-cache.md). */
  private Check compileCache() {
    ToolchainData.RunnerSpec ccache = finder.data().buildTool("ccache");
    Optional<Path> found = finder.tools().whichAny(ccache.binaries());
    return found.isPresent() ? new Check("cache", Status.OK, found.get() + " (compile cache)", List.of())
        : new Check("cache", Status.MISSING, "no ccache: C and C++ builds compile every object every time",
            List.of(Gap.packages("compile cache " + ccache.binaries().get(0), ccache.packages())));
  }

  private Optional<Check> binfmt(Target t) {
    Optional<String> handler = runners.binfmtHandler(t);
    if (handler.isEmpty()) {
      return Optional.empty();
    }
    String fix = "crosskit setup " + t.name() + " (as root: mount -t binfmt_misc binfmt_misc " + binfmt.dir()
        + " && update-binfmts --enable " + handler.get() + ")";
    if (!binfmt.mounted()) {
      return Optional.of(new Check("binfmt", Status.MISSING, "binfmt_misc is not mounted: a test suite cannot exec "
          + t.name() + " programs directly", List.of(new Gap("binfmt_misc mount", List.of(), fix))));
    }
    if (!binfmt.enabled(handler.get())) {
      return Optional.of(new Check("binfmt", Status.MISSING, handler.get() + " is not registered",
          List.of(new Gap("binfmt_misc handler " + handler.get(), List.of(), fix))));
    }
    return Optional.of(new Check("binfmt", Status.OK, handler.get() + " enabled", List.of()));
  }
}
