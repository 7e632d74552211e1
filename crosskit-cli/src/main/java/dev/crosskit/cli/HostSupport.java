package dev.crosskit.cli;

import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.Runners;
import dev.crosskit.host.Host;
import dev.crosskit.sdk.MacosDeployment;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainFinder;
import java.util.Optional;

/**
 * The two {@code crosskit targets} columns saying whether this host can build a target and
 * run its programs. File checks only, so the listing stays instant.
 */
final class HostSupport {
  private final ToolchainFinder finder;
  private final Runners runners;

  HostSupport(ToolchainFinder finder, Runners runners) {
    this.finder = finder;
    this.runners = runners;
  }

  static HostSupport of(Host host) {
    // musl sysroots are made by the first build: say so rather than report a gap (no download here).
    return new HostSupport(host.finderWithoutDownloads(), host.runners());
  }

  /** {@code yes (gcc-cross)}, {@code no: sysroot}, {@code no: setup} or {@code no}. */
  String build(Target t) {
    ToolchainFinder.Assessment a = finder.assess(t);
    if (a.toolchain().complete()) {
      return "yes (" + a.toolchain().kind() + (a.sysrootNote() != null ? ", sysroot on first build" : "") + ")";
    }
    if (!a.supported()) {
      return "no";
    }
    boolean onlySysroot = a.gaps().stream().allMatch(g -> g.packages().isEmpty());
    if (onlySysroot && MacosDeployment.isMacos(t)) {
      return "no: SDK"; // crosskit sdk add (docs/macos.md)
    }
    return onlySysroot ? "no: sysroot" : "no: setup";
  }

  /** {@code native}, {@code qemu-aarch64-static}, {@code wine}, {@code no: setup} or {@code no}. */
  String test(Target t) {
    Toolchain tc = finder.assess(t).toolchain();
    Optional<Runner> r = runners.find(t, tc);
    if (r.isEmpty()) {
      return runners.kind(t) == null ? "no" : "no: setup";
    }
    Runner runner = r.get();
    if (!runner.emulated()) {
      return "native";
    }
    String tool = java.nio.file.Path.of(runner.prefix().get(0)).getFileName().toString();
    return "wine".equals(runner.name()) ? "wine" : tool;
  }
}
