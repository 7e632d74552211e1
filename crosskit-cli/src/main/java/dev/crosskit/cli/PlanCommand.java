package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.report.Table;
import dev.crosskit.shard.ShardPlan;
import dev.crosskit.target.Target;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crosskit plan}: how the matrix splits over N shards (CI runners). */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {"Split the targets over N shards, longest first, for 'crosskit build/test --shard I/N'.",
        "Target times come from an earlier report.json (--timings, else <out>/report.json when it has every",
        "target), else from a per-kind estimate. The same inputs always give the same plan."},
    footer = {"", "Exit code: 0 planned, 2 bad usage or configuration.",
        "", "Examples:",
        "  crosskit plan --shards 3",
        "  crosskit plan --shards 2 --timings last/report.json --json"})
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Project project;
  @Mixin SharedOptions.Targets targets;
  @Mixin SharedOptions.Out out;
  @Mixin SharedOptions.Timings timings;
  @Mixin SharedOptions.Json json;

  @Option(names = "--shards", paramLabel = "N", required = true, description = "How many shards (runners).")
  int shards;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Target> all = CliTargets.ofProject(err, targets.spellings(), project.config());
    ShardPlan plan = ShardPlan.of(all, shards, timings.read(out.of(project)));
    if (json.json) {
      stdout.println(Json.write(plan));
    } else {
      Table table = new Table("SHARD", "SECONDS", "TARGETS");
      plan.shards().forEach(s -> table.row(s.number() + "/" + shards, String.format(Locale.ROOT, "%.0f", s.seconds()),
          s.targets().isEmpty() ? "-" : String.join(" ", s.targets())));
      stdout.print(table.render());
    }
    stdout.flush();
    return ExitCodes.OK;
  }
}
