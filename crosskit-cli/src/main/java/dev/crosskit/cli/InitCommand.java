package dev.crosskit.cli;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.build.BuildAdapters;
import dev.crosskit.build.ProjectVersion;
import dev.crosskit.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

  @Option(names = "--build", paramLabel = "SYSTEM", description = "cmake, meson, autotools, make, command, cargo or go"
      + " (default: detected; a shipped configure script first).")
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
    List<String> found = BuildAdapters.candidates(dir);
    String system = build != null ? BuildAdapters.forName(build).name() : found.stream().findFirst().orElse("command");
    Optional<String> version = ProjectVersion.of(dir);
    AtomicFiles.write(file, template(dir.toAbsolutePath().normalize().getFileName().toString(), system, version));
    List<String> others = found.stream().filter(f -> !f.equals(system)).toList();
    spec.commandLine().getOut().println("Wrote " + file + " (build system: " + system
        + (others.isEmpty() ? "" : "; the project also has a " + String.join(", ", others) + " build: --build "
            + others.get(0) + " picks it") + ")." + " Next: crosskit doctor, then crosskit test.");
    return ExitCodes.OK;
  }

  static String template(String name, String system, Optional<String> version) {
    String command = system.equals("command") ? "" : "# ";
    String versionLine = version.map(v -> "version = \"" + v + "\"                # from the project's build files")
        .orElse("# version = \"1.0.0\"             # used in package names");
    return """
        # crosskit configuration: see docs/config.md for every key.
        # Precedence: command-line flags > CROSSKIT_* environment > this file > defaults.

        [project]
        name = "%s"
        %s
        build = "%s"               # %s
        # Any spelling works: aarch64-unknown-linux-gnu, linux/arm64, armhf, ...
        targets = ["x86_64-linux-gnu", "x86_64-linux-musl", "aarch64-linux-gnu", "armv7-linux-gnueabihf", "riscv64-linux-gnu"]

        [build]
        # artifacts = ["bin/myprog", "lib/libmy.so*"]         # default: the executables and shared libraries installed
        # cflags = "-mcpu=cortex-a53"                          # added to crosskit's compiler flags; the project's stay
        # env = { CFLAGS = "-O3" }                             # CFLAGS replaces the project's own; LDFLAGS adds to crosskit's
        %s%scommand = ["make"]                                   # the build command (build = "command")

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
        """.formatted(name, versionLine, system, String.join(" | ", BuildAdapters.names()), adapterKeys(system), command);
  }

  /** Commented keys the detected build system takes (docs/config.md lists which adapter takes which). */
  private static String adapterKeys(String system) {
    return switch (system) {
      case "cmake" -> """
          # type = "release"                                   # default: the project's own build type
          # configure-args = ["-DWITH_FOO=ON"]                 # added to crosskit's cmake command
          """;
      case "meson" -> """
          # type = "release"                                   # default: the project's own build type
          # configure-args = ["-Dfoo=enabled"]                 # added to crosskit's meson setup
          """;
      case "autotools" -> """
          # configure-args = ["--disable-docs"]                # added to crosskit's ./configure
          # make-args = ["V=1"]                                # added to every make command
          """;
      case "make" -> """
          # configure = ["./configure"]                        # run before make
          # make-args = ["V=1"]                                # added to every make command
          """;
      default -> "";
    };
  }
}
