package dev.crosskit.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.BadInputException;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetCatalog;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShardPlanTest {
  private static final TargetCatalog CATALOG = TargetCatalog.builtIn();

  private static List<Target> targets(String... names) {
    return Stream.of(names).map(n -> CATALOG.byName(n).orElseThrow()).toList();
  }

  private static TargetResult timed(String name, double seconds) {
    return new TargetResult(name, "gcc", null, false, List.of(), List.of(), List.of(), seconds, false);
  }

  private static MatrixReport report(TargetResult... results) {
    return new MatrixReport(MatrixReport.SCHEMA_VERSION, "p", "test", "/p", "/p/out", null, 1, 2, List.of(results));
  }

  @Test
  void longestFirstFromAnEarlierReportEachToTheLeastLoadedShard() {
    List<Target> ts = targets("x86_64-linux-gnu", "aarch64-linux-gnu", "riscv64-linux-gnu", "x86_64-windows-gnu");
    MatrixReport earlier = report(timed("x86_64-linux-gnu", 10), timed("aarch64-linux-gnu", 50),
        timed("riscv64-linux-gnu", 40), timed("x86_64-windows-gnu", 30));
    ShardPlan plan = ShardPlan.of(ts, 2, Optional.of(earlier));
    // 50 -> 1; 40 -> 2; 30 -> 2 (40 < 50); 10 -> 1 (50 < 70)
    assertThat(plan.shard(1).targets()).containsExactly("aarch64-linux-gnu", "x86_64-linux-gnu");
    assertThat(plan.shard(2).targets()).containsExactly("riscv64-linux-gnu", "x86_64-windows-gnu");
    assertThat(plan.shard(1).seconds()).isEqualTo(60);
    assertThat(plan.seconds()).isEqualTo(70);
  }

  @Test
  void withoutTimingsForEveryTargetEachKindIsEstimatedAndTheSameInputsGiveTheSamePlan() {
    List<Target> ts = targets("x86_64-linux-gnu", "aarch64-linux-musl", "riscv64-linux-gnu");
    // one target missing from the report: all are estimated, none measured
    Optional<MatrixReport> partial = Optional.of(report(timed("x86_64-linux-gnu", 500)));
    ShardPlan plan = ShardPlan.of(ts, 2, partial);
    assertThat(plan.shard(1).targets()).containsExactly("aarch64-linux-musl"); // musl estimated longest
    assertThat(plan.shard(2).targets()).containsExactly("riscv64-linux-gnu", "x86_64-linux-gnu"); // ties by name
    assertThat(ShardPlan.of(ts, 2, Optional.empty())).isEqualTo(plan);
    ShardPlan many = ShardPlan.of(ts, 5, Optional.empty());
    assertThat(many.shards()).hasSize(5);
    assertThat(many.shards().stream().mapToInt(s -> s.targets().size()).sum()).isEqualTo(3);
    assertThat(many.shard(5).targets()).isEmpty();
  }

  @Test
  void shardSpellingsAreCheckedWithAClearMessage() {
    assertThat(ShardSpec.parse("2/3")).isEqualTo(new ShardSpec(2, 3));
    assertThatThrownBy(() -> ShardSpec.parse("4/3")).isInstanceOf(BadInputException.class).hasMessageContaining("1 <= I <= N");
    assertThatThrownBy(() -> ShardSpec.parse("0/3")).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> ShardSpec.parse("two")).isInstanceOf(BadInputException.class).hasMessageContaining("is not I/N");
    assertThatThrownBy(() -> ShardPlan.of(List.of(), 0, Optional.empty())).isInstanceOf(BadInputException.class);
  }
}
