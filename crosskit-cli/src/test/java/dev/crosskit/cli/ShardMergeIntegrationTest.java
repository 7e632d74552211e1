package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.HostTools;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix split over two runners and merged: the c-cmake example tested as two shards, each
 * with a crosskit home of its own (as two CI runners have), merged, and packaged, against one run
 * of the whole matrix: the same targets, the same test counts, the same SHA256SUMS. Then the
 * checks of the merge: a target in two shards with equal artifacts is reported as reproduced, one
 * whose artifact differs is refused.
 */
@Tag("integration")
class ShardMergeIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TARGETS = List.of("x86_64-linux-gnu", "aarch64-linux-gnu", "riscv64-linux-gnu");

  @TempDir Path dir;

  private Host runner(String name) {
    return new Host(dir.resolve(name + "-home"), Path.of(System.getProperty("user.home")), new ProcessRunner(),
        HostTools.system(), Binfmt.system(), line -> { });
  }

  /** {@code crosskit test} of the matrix (or one shard of it) on a runner of its own, into {@code out}. */
  private CliRunner test(Path project, String runner, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("test", "-C", project.toString(), "--out", out.toString(), "--jobs", "2",
        "-q"));
    TARGETS.forEach(t -> args.addAll(List.of("--target", t)));
    args.addAll(List.of(extra));
    CliRunner r = CliRunner.run(runner(runner), args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    return r;
  }

  /** Per target: its test cases' names and statuses. */
  private static Map<String, List<String>> tests(JsonNode report) {
    Map<String, List<String>> tests = new TreeMap<>();
    for (JsonNode t : report.path("targets")) {
      List<String> cases = new ArrayList<>();
      t.path("tests").forEach(c -> cases.add(c.path("name").asText() + "=" + c.path("status").asText()));
      tests.put(t.path("target").asText(), cases);
    }
    return tests;
  }

  private static JsonNode report(Path out) throws IOException {
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  @Test
  void twoShardsMergedPackageLikeOneRunOfTheWholeMatrix() throws IOException {
    Path project = PackageIntegrationTest.checkout(dir);
    CliRunner plan = CliRunner.run("plan", "-C", project.toString(), "--shards", "2", "--json",
        "--target", TARGETS.get(0), "--target", TARGETS.get(1), "--target", TARGETS.get(2));
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    JsonNode shards = JSON.readTree(plan.out()).path("shards");
    assertThat(shards).hasSize(2);
    assertThat(shards.get(0).path("targets")).hasSize(2); // equal estimates: two and one
    assertThat(shards.get(1).path("targets")).hasSize(1);

    Path one = dir.resolve("shard-1");
    Path two = dir.resolve("shard-2");
    Path whole = dir.resolve("whole");
    assertThat(test(project, "runner-1", one, "--shard", "1/2").err()).contains("shard 1/2: "
        + shards.get(0).path("targets").get(0).asText());
    test(project, "runner-2", two, "--shard", "2/2");
    assertThat(report(one).path("targets")).hasSize(2);
    assertThat(report(two).path("targets")).hasSize(1);
    test(project, "runner-3", whole);

    CliRunner merge = CliRunner.run("merge", "-C", project.toString(), one.toString(), two.toString());
    assertThat(merge.exitCode()).as(merge.out() + merge.err()).isZero();
    Path merged = project.resolve("target/crosskit");
    JsonNode m = report(merged);
    assertThat(m.path("command").asText()).isEqualTo("test");
    assertThat(tests(m)).isEqualTo(tests(report(whole))).containsOnlyKeys(TARGETS);
    assertThat(tests(m).get("aarch64-linux-gnu")).isNotEmpty().allMatch(c -> c.endsWith("=passed"));
    assertThat(merged.resolve("junit.xml")).content().contains("aarch64-linux-gnu", "riscv64-linux-gnu");
    assertThat(merged.resolve("report.html")).content().contains("riscv64-linux-gnu");
    assertThat(merge.out()).contains("Merged 2 shards");

    CliRunner packMerged = CliRunner.run("package", "-C", project.toString());
    assertThat(packMerged.exitCode()).as(packMerged.err()).isZero();
    CliRunner packWhole = CliRunner.run("package", "-C", project.toString(), "--out", whole.toString());
    assertThat(packWhole.exitCode()).as(packWhole.err()).isZero();
    String sums = Files.readString(merged.resolve("dist/SHA256SUMS"));
    assertThat(sums.lines()).hasSize(3);
    assertThat(sums).isEqualTo(Files.readString(whole.resolve("dist/SHA256SUMS")));

    // shard 1 and the whole run overlap in two targets: equal artifacts, a reproducibility check
    Path again = dir.resolve("again");
    CliRunner overlap = CliRunner.run("merge", "--out", again.toString(), one.toString(), whole.toString());
    assertThat(overlap.exitCode()).as(overlap.err()).isZero();
    assertThat(overlap.out()).contains("reproducible aarch64-linux-gnu: built in " + one)
        .contains("reproducible x86_64-linux-gnu:").doesNotContain("reproducible riscv64");
    assertThat(report(again).path("targets")).hasSize(3);

    // an artifact that differs between two shards: refused, nothing written
    JsonNode tampered = report(two);
    ObjectNode artifact = (ObjectNode) target(tampered, "riscv64-linux-gnu").path("artifacts").get(0);
    artifact.put("sha256", "0".repeat(64));
    Files.writeString(two.resolve("report.json"), JSON.writeValueAsString(tampered));
    Path refusedOut = dir.resolve("refused");
    CliRunner refused = CliRunner.run("merge", "--out", refusedOut.toString(), whole.toString(), two.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("artifact riscv64-linux-gnu/artifacts/", "differs between", "not reproducible")
        .doesNotContain("Exception");
    assertThat(refusedOut.resolve("report.json")).doesNotExist();
  }
}
