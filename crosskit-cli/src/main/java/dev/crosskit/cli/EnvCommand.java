package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.base.UserException;
import dev.crosskit.emulate.Runner;
import dev.crosskit.host.Host;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchainfile.ToolchainEnv;
import dev.crosskit.toolchainfile.ToolchainFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit env}: the variables a build for a target needs, for a shell or as JSON. */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = "Print the environment a build for TARGET needs, with the toolchain crosskit build would use "
        + "(in a project: its [build] packages and glibc floor; musl sysroots made on first use): "
        + "CC and CXX (the compiler with the target's flags: CFLAGS stays yours, so a project's own "
        + "defaults such as autoconf's -g -O2 apply), AR, RANLIB, STRIP, LDFLAGS, PKG_CONFIG_*, "
        + "CARGO_TARGET_<T>_LINKER/RUNNER, CC_<rust triple>, GOOS/GOARCH/GOARM/CGO_ENABLED, QEMU_LD_PREFIX, "
        + "Wine's variables and CMAKE_TOOLCHAIN_FILE (written to crosskit's cache). CXX is 'no' when the "
        + "target has no C++ compiler here.",
    footer = {"", "Exit code: 0; 1 when the target's toolchain is incomplete",
        "(see 'crosskit doctor TARGET'); 2 on bad input.",
        "", "Examples:",
        "  eval \"$(crosskit env aarch64-linux-gnu)\"",
        "  $CC -O2 -pthread -o hello hello.c $LDFLAGS",
        "  ./configure --host=aarch64-linux-gnu && make      # after the eval",
        "  crosskit env aarch64-linux-gnu --glibc 2.31 --package zlib1g-dev",
        "  crosskit env armv7-linux-gnueabihf --format fish | source",
        "  crosskit env x86_64-windows-gnu --format json",
        "  eval \"$(crosskit env thumbv7em-none-eabihf)\"; $CC $CFLAGS -o prog.elf prog.c $LDFLAGS"})
final class EnvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", description = "The target (any spelling).",
      completionCandidates = CompletionCandidates.Targets.class)
  String target;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "sh", converter = FormatConverter.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  /** How the variables are written: for a POSIX shell, for fish, or as a JSON object. */
  enum Format {
    SH, FISH, JSON;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final class FormatConverter extends LabelledEnum<Format> {
    FormatConverter() {
      super(Format.class);
    }
  }

  @Mixin SharedOptions.Board board;

  @Mixin SharedOptions.BuildSettings build;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Target t = CliTargets.one(spec.commandLine().getErr(), target);
    Host host = Main.host(spec);
    Toolchain tc = board.apply(BuildToolchain.of(host, t, build.settings(t), !build.noCxx, spec.commandLine().getErr()), t);
    Optional<Runner> runner = host.runner(t, tc);
    Map<String, String> vars = new LinkedHashMap<>(ToolchainEnv.variables(tc, runner));
    Path cmake = host.home().resolve("toolchains")
        .resolve(t.name() + (board.name == null ? "" : "-" + tc.board().name()) + ".cmake");
    try {
      ToolchainFiles.writeAtomically(cmake, ToolchainFiles.render(ToolchainFiles.Format.CMAKE, tc, runner));
      vars.put("CMAKE_TOOLCHAIN_FILE", cmake.toString());
    } catch (UserException e) {
      // The variables are still right; only the convenience file is missing.
      spec.commandLine().getErr().println("crosskit: note: no CMAKE_TOOLCHAIN_FILE: " + e.getMessage());
    }
    switch (format) {
      case JSON -> out.println(Json.write(vars));
      case FISH -> vars.forEach((k, v) -> out.println("set -gx " + k + " " + fishQuote(v) + ";"));
      case SH -> vars.forEach((k, v) -> out.println("export " + k + "=" + shQuote(v)));
    }
    return ExitCodes.OK;
  }

  static String shQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String fishQuote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
