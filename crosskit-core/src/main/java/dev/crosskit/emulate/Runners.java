package dev.crosskit.emulate;

import dev.crosskit.base.HostTools;
import dev.crosskit.target.Board;
import dev.crosskit.target.Boards;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Gap;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses how a target's programs run here. The kind of runner per target comes from
 * {@code toolchains.json}; only file-existence checks are made.
 */
public final class Runners {
  private final ToolchainData data;
  private final HostTools tools;
  private final Path home;

  public Runners(ToolchainData data, HostTools tools, Path home) {
    this.data = data;
    this.tools = tools;
    this.home = home;
  }

  /**
   * The runner for a target on this host, using the toolchain's sysroot for dynamic programs;
   * empty when the target cannot run here (see {@link #gap}).
   *
   * @param toolchain the target's toolchain, or null (then QEMU gets no sysroot: static programs only)
   */
  public Optional<Runner> find(Target target, Toolchain toolchain) {
    String kind = kind(target);
    if (kind == null) {
      return Optional.empty();
    }
    ToolchainData.RunnerSpec spec = data.runner(kind);
    return switch (kind) {
      case "native" -> Optional.of(new NativeRunner());
      case "qemu" -> tools.whichAny(data.expand(spec.binaries(), target))
          .map(q -> new QemuRunner(q, toolchain == null ? null : toolchain.sysroot(), qemuOptions(spec, target, toolchain)));
      case "qemu-system" -> tools.whichAny(data.expand(spec.binaries(), target))
          .map(q -> new SystemQemuRunner(q, board(target, toolchain), home.resolve("runners")));
      case "wine" -> tools.whichAny(spec.binaries())
          .map(w -> new WineRunner(w, winePrefix(), dllDirs(spec)));
      default -> throw new IllegalStateException("toolchains.json: unknown runner kind " + kind);
    };
  }

  /**
   * The CPU model for the target's arch when QEMU's default is newer (armv6: QEMU's default ARM
   * CPU runs ARMv7 code an ARMv6 board faults on), then the sysroot's options: a provided
   * sysroot's own, else {@code -L}/{@code -E} for a Debian cross sysroot's {@code lib}.
   */
  private static List<String> qemuOptions(ToolchainData.RunnerSpec spec, Target target, Toolchain tc) {
    List<String> options = new ArrayList<>();
    String cpu = spec.cpu().get(target.archKey());
    if (cpu != null) {
      options.addAll(List.of("-cpu", cpu));
    }
    if (tc != null && tc.provided() != null && !tc.provided().qemuOptions().isEmpty()) {
      options.addAll(tc.provided().qemuOptions());
    } else if (tc != null) {
      options.addAll(QemuRunner.sysrootOptions(tc.sysroot(), List.of("lib")));
    }
    return options;
  }

  /** The board the toolchain links for, else the target's default (a bare-metal runner needs one). */
  private static Board board(Target target, Toolchain toolchain) {
    if (toolchain != null && toolchain.board() != null) {
      return toolchain.board();
    }
    return Boards.builtIn().defaultFor(target).orElseThrow(() ->
        new IllegalStateException("targets.json: bare-metal target " + target.name() + " names no board"));
  }

  /**
   * Why a target's programs can never run on this host, when its toolchain family says so
   * ({@code noRunner} in toolchains.json: macOS, for which no emulator exists); else empty.
   */
  public Optional<String> neverRuns(Target target) {
    if (kind(target) != null) {
      return Optional.empty();
    }
    return data.familiesFor(target).stream().map(ToolchainData.Family::noRunner)
        .filter(java.util.Objects::nonNull).findFirst();
  }

  /** Why a target has no runner here and what fixes it; empty when it has one. */
  public Optional<Gap> gap(Target target) {
    String kind = kind(target);
    if (kind == null) {
      String why = neverRuns(target).orElse("no way to run " + target.os() + " programs on a Linux host");
      return Optional.of(new Gap(why, List.of(), "run them on a " + target.os() + " machine"));
    }
    ToolchainData.RunnerSpec spec = data.runner(kind);
    boolean perTarget = kind.startsWith("qemu");
    List<String> names = perTarget ? data.expand(spec.binaries(), target) : spec.binaries();
    List<String> packages = perTarget ? data.expand(spec.packages(), target) : spec.packages();
    if (!names.isEmpty() && tools.whichAny(names).isEmpty()) {
      return Optional.of(Gap.packages("emulator " + names.get(0), packages));
    }
    return Optional.empty();
  }

  /** The binfmt_misc handler name for a target run under QEMU ({@code qemu-aarch64}), else empty. */
  public Optional<String> binfmtHandler(Target target) {
    return "qemu".equals(kind(target)) ? target.field("qemu").map(q -> "qemu-" + q) : Optional.empty();
  }

  /** {@code native}, {@code qemu}, {@code qemu-system}, {@code wine}, or null when no runner kind applies. */
  public String kind(Target target) {
    for (ToolchainData.Family f : data.familiesFor(target)) {
      if (f.unsupported() == null && f.runner() != null) {
        return f.runner();
      }
    }
    return null;
  }

  /**
   * The Wine prefix in crosskit's cache. Wine creates the prefix itself on first use, but only
   * when its parent directory exists ("chdir to ...: No such file or directory" otherwise).
   */
  private Path winePrefix() {
    try {
      Files.createDirectories(home);
    } catch (java.io.IOException e) {
      // Wine's own message will say what is wrong with the directory
    }
    return home.resolve("wine-prefix");
  }

  /** The MinGW runtime DLL directories that exist here (those holding at least one runtime DLL). */
  private List<Path> dllDirs(ToolchainData.RunnerSpec spec) {
    List<Path> dirs = new ArrayList<>();
    for (String pattern : spec.runtimeDllDirs()) {
      List<Path> found = new ArrayList<>(tools.glob(pattern));
      java.util.Collections.reverse(found); // newest gcc version first
      for (Path dir : found) {
        if (spec.runtimeDlls().stream().anyMatch(dll -> Files.isRegularFile(dir.resolve(dll)))) {
          dirs.add(dir);
        }
      }
    }
    return dirs;
  }
}
