package dev.crosskit.lock;

import dev.crosskit.build.BuildAdapters;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.host.Host;
import dev.crosskit.sysroot.MuslCxxToolchain;
import dev.crosskit.sysroot.MuslSysroots;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.BuildTools;
import dev.crosskit.toolchain.ToolchainData;
import dev.crosskit.toolchain.ToolchainFinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads, from this host, what each target's builds depend on ({@link TargetLock}): the Debian
 * packages of its toolchain family, its emulator, the compile cache and the project's build
 * system ({@code toolchains.json}, {@code build-tools.json}: what {@code crosskit setup} installs) with the versions dpkg has installed,
 * the packages of crosskit's sysroot for it, and the Go or Rust compiler's version. Nothing is
 * installed or downloaded.
 */
public final class LockFacts {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final Set<String> RUST = Set.of("cargo", "rust");
  private final Host host;
  private final ToolchainFinder finder;

  public LockFacts(Host host) {
    this.host = host;
    this.finder = host.finderWithoutDownloads();
  }

  /** The facts of each target, by name. */
  public Map<String, TargetLock> collect(ProjectConfig config, List<Target> targets) {
    String buildSystem = config.buildSystem().or(() -> BuildAdapters.detect(config.projectDir())).orElse("command");
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    Set<String> all = new LinkedHashSet<>();
    for (Target t : targets) {
      List<String> names = packages(t, buildSystem, config.projectDir());
      wanted.put(t.name(), names);
      all.addAll(names);
    }
    Map<String, String> versions = installedVersions(all);
    Map<String, String> compilers = compilers(buildSystem);
    Map<String, TargetLock> out = new TreeMap<>();
    for (Target t : targets) {
      Map<String, String> pkgs = new TreeMap<>();
      wanted.get(t.name()).forEach(p -> pkgs.put(p, versions.getOrDefault(p, TargetLock.NOT_INSTALLED)));
      Map<String, String> sysrootSha256 = new TreeMap<>();
      Map<String, String> sysroot = sysrootPackages(t, config.forTarget(t), sysrootSha256);
      out.put(t.name(), new TargetLock(pkgs, sysroot, compilers, sysrootSha256, recipes(t, buildSystem)));
    }
    return out;
  }

  /** The Debian packages of the target's toolchain family, its runner, ccache and the build system. */
  List<String> packages(Target t, String buildSystem, Path projectDir) {
    ToolchainData data = finder.data();
    Set<String> names = new LinkedHashSet<>();
    ToolchainFinder.Assessment a = finder.assess(t);
    if (a.family() != null) {
      a.family().packages().values().forEach(list -> names.addAll(data.expand(list, t)));
      if (a.family().runner() != null) {
        names.addAll(data.expand(data.runner(a.family().runner()).packages(), t));
      }
    }
    names.addAll(data.buildTool("ccache").packages());
    BuildTools.builtIn().wanted(buildSystem, projectDir).forEach(tool -> names.addAll(tool.packages()));
    return new ArrayList<>(names);
  }

  /**
   * crosskit's recipes the target's builds use: its musl sysroot's and C++ toolchain's (musl
   * targets), and for Rust projects how its std is had.
   */
  private Map<String, String> recipes(Target t, String buildSystem) {
    Map<String, String> out = new TreeMap<>();
    if (t.isMusl()) {
      MuslSysroots.recipeKey(t.name()).ifPresent(k -> out.put("musl", k));
      MuslCxxToolchain.recipeKey(t.name()).ifPresent(k -> out.put("libstdc++", k));
    }
    if (RUST.contains(buildSystem) && t.rustTriple() != null) {
      out.put("rust-std", host.rustStd().recipeKey(t.rustTriple()));
    }
    return out;
  }

  /**
   * The packages of crosskit's sysroot the target's builds use (musl; glibc with packages or a
   * glibc floor), from its manifest; empty when the settings call for none or it is not made yet.
   * Their .debs' SHA-256 go into {@code sha256}.
   */
  private Map<String, String> sysrootPackages(Target t, TargetSettings settings, Map<String, String> sha256) {
    Map<String, String> out = new TreeMap<>();
    String floor = settings.glibc().orElse(null);
    if (!host.buildSysroots(settings.packages(), floor, line -> { }).applies(t)) {
      return out;
    }
    host.sysroots().existing(t, floor).ifPresent(s -> {
      sha256.putAll(s.sha256());
      for (String nv : s.installed()) {
        int eq = nv.indexOf('=');
        if (eq > 0) {
          out.put(nv.substring(0, eq), nv.substring(eq + 1));
        }
      }
    });
    return out;
  }

  /** dpkg's installed version of each package (one dpkg-query for all); those it does not know are left out. */
  private Map<String, String> installedVersions(Set<String> names) {
    Map<String, String> out = new TreeMap<>();
    if (names.isEmpty()) {
      return out;
    }
    List<String> argv = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev} ${Version}\\n"));
    argv.addAll(names);
    Result r = host.processes().capture(Command.of(argv).withTimeout(TIMEOUT));
    // exit 1 when some package is unknown: the others are still listed
    for (String line : r.output().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[1].startsWith("i")) {
        out.put(f[0].replaceFirst(":.*", ""), f[2]);
      }
    }
    return out;
  }

  /** The Go or Rust compiler's version for projects built with them. */
  private Map<String, String> compilers(String buildSystem) {
    Map<String, String> out = new TreeMap<>();
    switch (buildSystem) {
      case "go" -> out.put("go", firstLine("go", "version"));
      case "cargo", "rust" -> out.put("rustc", firstLine("rustc", "--version"));
      default -> { }
    }
    return out;
  }

  private String firstLine(String... argv) {
    if (host.tools().which(argv[0]).isEmpty()) {
      return TargetLock.NOT_INSTALLED;
    }
    Result r = host.processes().capture(Command.of(argv).withTimeout(TIMEOUT));
    return r.ok() ? r.output().lines().findFirst().orElse("").strip() : "failed: " + r.tail(1).strip();
  }
}
