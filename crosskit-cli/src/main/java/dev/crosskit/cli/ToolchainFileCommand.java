package dev.crosskit.cli;

import dev.crosskit.host.Host;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchainfile.ToolchainFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit toolchain-file}: a CMake toolchain file, Meson cross file or Cargo config for a target. */
@Command(
    name = "toolchain-file",
    mixinStandardHelpOptions = true,
    description = "Write a CMake toolchain file, a Meson cross file or a Cargo configuration stanza for "
        + "TARGET, with its compilers, flags, sysroot and the emulator that runs its programs (ctest, "
        + "meson test, cargo test).",
    footer = {"", "Exit code: 0; 1 when the target's toolchain is incomplete",
        "(see 'crosskit doctor TARGET'); 2 on bad input.",
        "", "Examples:",
        "  crosskit toolchain-file aarch64-linux-gnu --format cmake -o aarch64.cmake",
        "  cmake -S . -B build -DCMAKE_TOOLCHAIN_FILE=$PWD/aarch64.cmake",
        "  cmake --build build && ctest --test-dir build",
        "  crosskit toolchain-file armhf --format meson -o armhf.ini",
        "  meson setup --cross-file armhf.ini build && meson test -C build",
        "  crosskit toolchain-file riscv64-linux-gnu --format cargo >> .cargo/config.toml"})
final class ToolchainFileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", description = "The target (any spelling).",
      completionCandidates = CompletionCandidates.Targets.class)
  String target;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "${COMPLETION-CANDIDATES}.")
  ToolchainFiles.Format format;

  static final class FormatConverter extends LabelledEnum<ToolchainFiles.Format> {
    FormatConverter() {
      super(ToolchainFiles.Format.class);
    }
  }

  @Mixin SharedOptions.Board board;

  @Mixin SharedOptions.BuildSettings build;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE (atomically: a temporary file, then a move) instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    Target t = CliTargets.one(spec.commandLine().getErr(), target);
    Host host = Main.host(spec);
    Toolchain tc = board.apply(BuildToolchain.of(host, t, build.settings(t), !build.noCxx, spec.commandLine().getErr()), t);
    String text = ToolchainFiles.render(format, tc, host.runner(t, tc));
    if (output == null) {
      spec.commandLine().getOut().print(text);
    } else {
      ToolchainFiles.writeAtomically(output, text);
      spec.commandLine().getErr().println("crosskit: wrote " + output.toAbsolutePath());
    }
    return ExitCodes.OK;
  }
}
