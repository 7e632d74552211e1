package dev.crosskit.cli;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.build.BuildAdapters;
import dev.crosskit.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crosskit init}: writes a commented crosskit.toml for the project. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Write a commented crosskit.toml for the project, with its build system detected.",
    footer = {"", "Refuses to overwrite an existing crosskit.toml unless --force is given.",
        "", "Examples:", "  crosskit init", "  crosskit init -C ~/src/zlib --build autotools"})
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Project project;

  @Option(names = "--build", paramLabel = "SYSTEM",
      description = "cmake, meson, autotools, make, command, go, cargo or rust (the same as cargo) (default: detected).")
  String build;

  @Option(names = "--force", description = "Overwrite an existing crosskit.toml.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    Path dir = project.dir();
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("project directory " + dir + " does not exist");
    }
    Path file = dir.resolve(ConfigLoader.FILE_NAME);
    if (Files.exists(file) && !force) {
      throw new BadInputException(file + " already exists; use --force to overwrite it");
    }
    String system = build != null ? BuildAdapters.forName(build).name()
        : BuildAdapters.detect(dir).orElse("command");
    AtomicFiles.write(file, template(dir.getFileName().toString(), system));
    spec.commandLine().getOut().println("Wrote " + file + " (build system: " + system + ")."
        + " Next: crosskit doctor, then crosskit test.");
    return ExitCodes.OK;
  }

  static String template(String name, String system) {
    String command = system.equals("command") ? "" : "# ";
    return """
        # crosskit configuration: see docs/config.md for every key.
        # Precedence: command-line flags > CROSSKIT_* environment > this file > defaults.

        [project]
        name = "%s"
        version = "0.1.0"
        build = "%s"               # %s
        # Any spelling works: aarch64-unknown-linux-gnu, linux/arm64, armhf, ...
        targets = ["x86_64-linux-gnu", "x86_64-linux-musl", "aarch64-linux-gnu", "armv7-linux-gnueabihf", "riscv64-linux-gnu"]

        [build]
        # artifacts = ["myprog", "myprog.exe", "libmy.so*"]   # default: executables and shared libraries
        # env = { CFLAGS = "-O2" }                             # appended to crosskit's own flags
        # in-source = false                                    # true: build in a copy of the sources
        %scommand = ["make"]                                   # the build command (build = "command")

        [test]
        timeout = "10m"
        # command = ["make", "check"]    # default: ctest, meson test, make check or make test
        # canary = true                  # crosskit's runtime self-test under the target's runner

        [verify]
        # static = true                  # every artifact fully static (musl targets)
        # max-glibc = "2.31"             # no artifact may need a newer glibc

        # Per-target overrides of any section:
        # [target.aarch64-linux-gnu]
        # build.env = { CFLAGS = "-mcpu=cortex-a53" }
        """.formatted(name, system, String.join(" | ", BuildAdapters.names()), command);
  }
}
