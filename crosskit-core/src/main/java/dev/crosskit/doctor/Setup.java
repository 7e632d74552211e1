package dev.crosskit.doctor;

import dev.crosskit.base.BadInputException;
import dev.crosskit.doctor.DoctorReport.Check;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.LineSink;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Gap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Installs what the doctor found missing for the requested targets and languages: the Debian
 * packages (apt-get, as root) and the binfmt_misc registration of QEMU. Idempotent: a second run
 * finds nothing to do. Installs only the packages the gaps name, and says what it did.
 */
public final class Setup {
  /** The parts {@code setup} installs unless told otherwise: the C/C++ toolchain and the runner. */
  public static final Set<String> DEFAULT_LANGUAGES = Set.of("c", "c++");
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration SHORT = Duration.ofSeconds(30);
  private static final Duration HEARTBEAT = Duration.ofSeconds(10);

  private final ToolchainDoctor doctor;
  private final ProcessRunner processes;
  private final boolean root;

  public Setup(ToolchainDoctor doctor, ProcessRunner processes, boolean root) {
    this.doctor = doctor;
    this.processes = processes;
    this.root = root;
  }

  /** True when this JVM runs as root (uid 0). */
  public static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * What setup would do.
   *
   * @param packages Debian packages to install, in order
   * @param mountBinfmt whether binfmt_misc must be mounted
   * @param enableHandlers binfmt_misc handlers to enable ({@code qemu-aarch64}, ...)
   * @param unresolved gaps no package closes (sysroots, unsupported targets), as fix lines
   */
  public record Plan(List<String> packages, boolean mountBinfmt, List<String> enableHandlers, List<String> unresolved) {
    /** The same plan installing {@code more} packages too (a project's build tools), without repeats. */
    public Plan withPackages(List<String> more) {
      Set<String> all = new LinkedHashSet<>(packages);
      all.addAll(more);
      return new Plan(List.copyOf(all), mountBinfmt, enableHandlers, unresolved);
    }

    public boolean nothingToDo() {
      return packages.isEmpty() && !mountBinfmt && enableHandlers.isEmpty();
    }

    /** The commands, as argv lists, in the order they run. */
    public List<List<String>> commands(Path binfmtDir) {
      List<List<String>> cmds = new ArrayList<>();
      if (!packages.isEmpty()) {
        List<String> apt = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        apt.addAll(packages);
        cmds.add(apt);
      }
      if (mountBinfmt) {
        cmds.add(List.of("mount", "-t", "binfmt_misc", "binfmt_misc", binfmtDir.toString()));
      }
      for (String h : enableHandlers) {
        cmds.add(List.of("update-binfmts", "--enable", h));
      }
      return cmds;
    }
  }

  public Plan plan(List<Target> targets, Set<String> languages) {
    Set<String> items = new LinkedHashSet<>(List.of("run", "binfmt"));
    for (String l : languages) {
      items.add(switch (l.toLowerCase(Locale.ROOT)) {
        case "c" -> "C";
        case "c++", "cxx", "cpp" -> "C++";
        case "go" -> "Go";
        case "rust" -> "Rust";
        case "debug", "gdb" -> "debug";
        default -> throw new BadInputException("unknown language '" + l + "'; use c, c++, go, rust or debug");
      });
    }
    if (items.contains("C++")) {
      items.add("C");
    }
    if (items.contains("C")) {
      items.add("cache"); // every C and C++ build goes through the compile cache
    }
    Set<String> packages = new LinkedHashSet<>();
    Set<String> handlers = new LinkedHashSet<>();
    Set<String> unresolved = new LinkedHashSet<>();
    boolean mount = false;
    for (Target t : targets) {
      for (Check c : doctor.check(t).checks()) {
        if (!items.contains(c.item())) {
          continue;
        }
        if (c.item().equals("binfmt")) {
          if (c.status() != DoctorReport.Status.OK) {
            mount |= !doctor.binfmt().mounted();
            doctor.runners().binfmtHandler(t).ifPresent(handlers::add);
            packages.addAll(doctor.finder().data().runner("qemu").binfmtPackages().stream()
                .filter(p -> doctor.finder().tools().which("update-binfmts").isEmpty()).toList());
          }
          continue;
        }
        for (Gap g : c.gaps()) {
          if (!g.packages().isEmpty()) {
            packages.addAll(g.packages());
          } else if (c.status() != DoctorReport.Status.OK) {
            unresolved.add(t.name() + " " + c.item() + ": " + g.what() + " (" + g.fix() + ")");
          }
        }
      }
    }
    return new Plan(List.copyOf(packages), mount, List.copyOf(handlers), List.copyOf(unresolved));
  }

  /**
   * Carries out a plan, reporting each step through {@code say}. Without root (or with
   * {@code dryRun}) it only prints the commands. Returns true when everything planned was done.
   */
  public boolean apply(Plan plan, boolean dryRun, Consumer<String> say) {
    if (plan.nothingToDo()) {
      say.accept("Nothing to install: every requested part is already present.");
      plan.unresolved().forEach(u -> say.accept("Not installable with apt-get: " + u));
      return true;
    }
    List<List<String>> cmds = plan.commands(doctor.binfmt().dir());
    if (dryRun || !root) {
      say.accept(dryRun ? "Would run:" : "Not running as root; run these as root:");
      cmds.forEach(c -> say.accept("  " + Command.of(c).display()));
      plan.unresolved().forEach(u -> say.accept("Not installable with apt-get: " + u));
      return dryRun;
    }
    boolean ok = true;
    if (!plan.packages().isEmpty()) {
      ok = installPackages(plan.packages(), say);
    }
    if (plan.mountBinfmt()) {
      Result r = run(List.of("mount", "-t", "binfmt_misc", "binfmt_misc", doctor.binfmt().dir().toString()), SHORT, say);
      if (r.ok()) {
        say.accept("Mounted binfmt_misc at " + doctor.binfmt().dir());
      } else {
        say.accept("Could not mount binfmt_misc (a container without that privilege?): " + r.tail(2)
            + ". Programs still run through 'crosskit run' and emulator prefixes; only direct exec needs it.");
        ok = false;
      }
    }
    if (doctor.binfmt().mounted()) {
      for (String h : plan.enableHandlers()) {
        Result r = run(List.of("update-binfmts", "--enable", h), SHORT, say);
        if (r.ok() && doctor.binfmt().enabled(h)) {
          say.accept("Registered binfmt_misc handler " + h);
        } else {
          say.accept("Could not enable binfmt_misc handler " + h + ": " + r.tail(2));
          ok = false;
        }
      }
    }
    plan.unresolved().forEach(u -> say.accept("Not installable with apt-get: " + u));
    return ok;
  }

  private boolean installPackages(List<String> packages, Consumer<String> say) {
    // Another apt (unattended upgrades, a second crosskit) may hold dpkg's lock: wait for it rather than fail.
    List<String> install = new ArrayList<>(List.of("apt-get", "-o", "DPkg::Lock::Timeout=" + APT_TIMEOUT.toSeconds(),
        "install", "-y", "-q", "--no-install-recommends"));
    install.addAll(packages);
    Result r = runWithProgress(install, say);
    if (!r.ok()) {
      // A fresh machine has no package lists yet: update once, then try again.
      say.accept("apt-get install failed; running apt-get update and retrying");
      run(List.of("apt-get", "-o", "DPkg::Lock::Timeout=" + APT_TIMEOUT.toSeconds(), "update", "-q"), APT_TIMEOUT, say);
      r = runWithProgress(install, say);
    }
    if (r.ok()) {
      say.accept("Installed: " + String.join(" ", packages));
      return true;
    }
    say.accept("apt-get install failed (exit " + r.exitCode() + "): " + r.tail(5));
    return false;
  }

  /**
   * Runs apt-get with a line every {@link #HEARTBEAT} saying where it stands (packages fetched,
   * unpacked, set up; elapsed time): installing a toolchain takes a minute or more.
   */
  private Result runWithProgress(List<String> argv, Consumer<String> say) {
    Command c = Command.of(argv).withTimeout(APT_TIMEOUT).withEnv("DEBIAN_FRONTEND", "noninteractive");
    say.accept("$ " + c.display());
    AptProgress state = new AptProgress();
    java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
    Consumer<String> keep = line -> {
      synchronized (tail) {
        tail.addLast(line);
        if (tail.size() > 20) {
          tail.removeFirst();
        }
      }
    };
    java.util.concurrent.ScheduledExecutorService heartbeat = java.util.concurrent.Executors
        .newSingleThreadScheduledExecutor(task -> {
          Thread t = new Thread(task, "apt-heartbeat");
          t.setDaemon(true);
          return t;
        });
    heartbeat.scheduleAtFixedRate(() -> say.accept(state.line()), HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(),
        java.util.concurrent.TimeUnit.SECONDS);
    Result r;
    try (LineSink out = new LineSink(line -> {
          state.accept(line);
          keep.accept(line);
        });
        LineSink err = new LineSink(keep)) {
      r = processes.interactive(c, java.io.InputStream.nullInputStream(), out, err);
    } finally {
      heartbeat.shutdownNow();
    }
    if (r.ok()) {
      say.accept(state.line() + ": done");
    }
    synchronized (tail) {
      return new Result(r.exitCode(), r.timedOut(), String.join("\n", tail), "", r.elapsed());
    }
  }

  private Result run(List<String> argv, Duration timeout, Consumer<String> say) {
    Command c = Command.of(argv).withTimeout(timeout).withEnv("DEBIAN_FRONTEND", "noninteractive");
    say.accept("$ " + c.display());
    return processes.capture(c);
  }
}
