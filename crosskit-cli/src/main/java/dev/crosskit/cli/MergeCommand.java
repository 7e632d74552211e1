package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.base.RunLock;
import dev.crosskit.config.OutputDir;
import dev.crosskit.report.MatrixTable;
import dev.crosskit.report.ReportFiles;
import dev.crosskit.shard.ShardMerge;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit merge}: shard output directories joined into one, for package and image. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {"Join the output directories of shard runs ('crosskit build/test --shard I/N') into one.",
        "It gets report.json, junit.xml, report.html and every target's artifacts and logs, as from one run.",
        "A target in two shards must have the same toolchain fingerprint and byte-identical artifacts",
        "(then it counts as a reproducibility check); otherwise nothing is merged."},
    footer = {"", "Exit code: 0 merged and every target passed, 1 merged but a target failed, 2 bad usage or shards that disagree.",
        "", "Examples:",
        "  crosskit merge shard-1/target/crosskit shard-2/target/crosskit",
        "  crosskit merge --out release-out downloads/*"})
final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Project project;
  @Mixin SharedOptions.Out out;
  @Mixin SharedOptions.Json json;

  @Parameters(paramLabel = "DIR", arity = "1..*", description = "The shards' output directories (each a target/crosskit).")
  List<Path> dirs;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    OutputDir outDir = out.of(project);
    ShardMerge.Merged merged;
    try (RunLock held = outDir.lock("crosskit merge")) {
      merged = ShardMerge.merge(dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList(), outDir.path());
    }
    if (json.json) {
      stdout.println(Json.write(merged));
    } else {
      stdout.print(MatrixTable.render(merged.report()));
      merged.reproduced().forEach(line -> stdout.println("reproducible " + line));
      stdout.println("Merged " + dirs.size() + " shards into " + outDir.path() + " (" + ReportFiles.REPORT + ", "
          + ReportFiles.JUNIT + ", " + ReportFiles.HTML + ")");
    }
    stdout.flush();
    return merged.report().passed() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
