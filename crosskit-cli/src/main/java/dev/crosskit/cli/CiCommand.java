package dev.crosskit.cli;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.ci.CiWorkflow;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit ci}: a CI workflow that runs the matrix as shards and merges them into one release. */
@Command(
    name = "ci",
    mixinStandardHelpOptions = true,
    description = {"Write a CI workflow that tests the matrix as shards and releases their merge.",
        "One job per shard ('crosskit test --shard I/N') uploads its output; a release job downloads them,",
        "runs 'crosskit merge' and 'crosskit package' and uploads the archives.",
        "github writes .github/workflows/crosskit.yml, gitlab writes .gitlab-ci.yml."},
    footer = {"", "The jobs install crosskit from the Debian package at $CROSSKIT_DEB (a repository or CI/CD",
        "variable), or run --install's command instead. See docs/scale-out.md.",
        "Exit code: 0 written, 2 bad usage, or the file exists (give --force).",
        "", "Examples:",
        "  crosskit ci github --shards 3",
        "  crosskit ci gitlab --shards 2 --stdout"})
final class CiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Project project;

  @Parameters(index = "0", paramLabel = "SERVICE", converter = ServiceConverter.class,
      description = "${COMPLETION-CANDIDATES}")
  CiWorkflow.Service service;

  static final class ServiceConverter extends LabelledEnum<CiWorkflow.Service> {
    ServiceConverter() {
      super(CiWorkflow.Service.class);
    }
  }

  @Option(names = "--shards", paramLabel = "N", defaultValue = "2", description = "Shard jobs (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--install", paramLabel = "COMMAND",
      description = "The shell command that installs crosskit on a runner (default: the .deb at $CROSSKIT_DEB).")
  String install;

  @Option(names = "--stdout", description = "Print the workflow instead of writing it.")
  boolean toStdout;

  @Option(names = "--force", description = "Replace an existing workflow file.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    Path dir = project.dir();
    ProjectConfig config = project.config();
    List<String> targets = CliTargets.all(spec.commandLine().getErr(), config.targets()).stream().map(Target::name).toList();
    if (targets.isEmpty()) {
      throw new BadInputException("no targets: set [project] targets in " + dir.resolve(ConfigLoader.FILE_NAME)
          + "; the workflow runs them as shards");
    }
    String text = CiWorkflow.render(service, shards, targets, Optional.ofNullable(install));
    if (toStdout) {
      stdout.print(text);
    } else {
      Path file = dir.resolve(service.file());
      if (Files.exists(file) && !force) {
        throw new BadInputException(file + " exists; give --force to replace it (or --stdout to print the workflow)");
      }
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, text);
      stdout.println("Wrote " + file + " (" + shards + " shard jobs and a release job)");
    }
    stdout.flush();
    return ExitCodes.OK;
  }
}
