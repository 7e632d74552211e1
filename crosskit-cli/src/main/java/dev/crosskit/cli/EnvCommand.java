package dev.crosskit.cli;

import dev.crosskit.CrosskitHome;
import dev.crosskit.UserException;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.Runners;
import dev.crosskit.report.Json;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainEnv;
import dev.crosskit.toolchain.ToolchainFiles;
import dev.crosskit.toolchain.ToolchainFinder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit env}: the variables a build for a target needs, for a shell or as JSON. */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = "Print the environment a build for TARGET needs: CC, CXX, AR, RANLIB, STRIP, CFLAGS, "
        + "LDFLAGS, PKG_CONFIG_*, CARGO_TARGET_<T>_LINKER/RUNNER, CC_<rust triple>, "
        + "GOOS/GOARCH/GOARM/CGO_ENABLED, QEMU_LD_PREFIX, Wine's variables and CMAKE_TOOLCHAIN_FILE "
        + "(written to crosskit's cache).",
    footer = {"", "Exit code: 0; 1 when the target's toolchain is incomplete",
        "(see 'crosskit doctor TARGET'); 2 on bad input.",
        "", "Examples:",
        "  eval \"$(crosskit env aarch64-linux-gnu)\"",
        "  $CC $CFLAGS -pthread -o hello hello.c $LDFLAGS",
        "  crosskit env armv7-linux-gnueabihf --format fish | source",
        "  crosskit env x86_64-windows-gnu --format json"})
final class EnvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", description = "The target (any spelling).",
      completionCandidates = CompletionCandidates.Targets.class)
  String target;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "sh",
      description = "sh (default), fish or json.",
      completionCandidates = CompletionCandidates.EnvFormats.class)
  String format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!format.equals("sh") && !format.equals("fish") && !format.equals("json")) {
      throw new UserException("unknown format '" + format + "'; use sh, fish or json");
    }
    Target t = CliTargets.one(spec.commandLine().getErr(), target);
    Toolchain tc = ToolchainFinder.system().require(t);
    Optional<Runner> runner = Runners.forTarget(t, tc);
    Map<String, String> vars = new LinkedHashMap<>(ToolchainEnv.variables(tc, runner));
    Path cmake = CrosskitHome.resolve("toolchains", t.name() + ".cmake");
    try {
      ToolchainFiles.writeAtomically(cmake, ToolchainFiles.render("cmake", tc, runner));
      vars.put("CMAKE_TOOLCHAIN_FILE", cmake.toString());
    } catch (UserException e) {
      // The variables are still right; only the convenience file is missing.
      spec.commandLine().getErr().println("crosskit: note: no CMAKE_TOOLCHAIN_FILE: " + e.getMessage());
    }
    switch (format) {
      case "json" -> out.println(Json.write(vars));
      case "fish" -> vars.forEach((k, v) -> out.println("set -gx " + k + " " + fishQuote(v) + ";"));
      default -> vars.forEach((k, v) -> out.println("export " + k + "=" + shQuote(v)));
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
