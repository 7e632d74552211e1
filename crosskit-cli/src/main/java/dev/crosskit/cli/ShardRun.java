package dev.crosskit.cli;

import dev.crosskit.result.MatrixReport;
import dev.crosskit.shard.ShardPlan;
import dev.crosskit.shard.ShardSpec;
import dev.crosskit.target.Target;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** {@code build/test --shard I/N}: the targets of one shard of the plan {@code crosskit plan} shows. */
final class ShardRun {
  private ShardRun() {}

  static List<Target> select(List<Target> targets, ShardSpec spec, Optional<MatrixReport> timings, PrintWriter err) {
    ShardPlan.Shard shard = ShardPlan.of(targets, spec.count(), timings).shard(spec.number());
    err.println("crosskit: shard " + spec + ": " + (shard.targets().isEmpty() ? "no targets"
        : String.join(", ", shard.targets())));
    err.flush();
    return targets.stream().filter(t -> shard.targets().contains(t.name())).toList();
  }
}
