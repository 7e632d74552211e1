package dev.crosskit.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.TargetResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardMergeTest {
  @TempDir Path dir;

  private static TargetResult built(String target, String version, String sha) {
    return new TargetResult(target, "gcc", null, false, List.of(), List.of(),
        List.of(new Artifact(target + "/artifacts/app", 3, sha, target, "ELF", true, List.of())), 1, false, 0.0, version);
  }

  private Path shard(String name, double seconds, TargetResult... results) throws IOException {
    Path out = dir.resolve(name);
    Files.createDirectories(out);
    for (TargetResult r : results) {
      Path a = out.resolve(r.target()).resolve("artifacts");
      Files.createDirectories(a);
      Files.writeString(a.resolve("app"), name);
      Files.createDirectories(out.resolve(r.target()).resolve("logs"));
      Files.writeString(out.resolve(r.target()).resolve("logs/build.log"), "log of " + name);
    }
    MatrixReport report = new MatrixReport(MatrixReport.SCHEMA_VERSION, "p", "build", "/p", out.toString(),
        "2026-01-01T00:00:0" + (int) seconds + "Z", seconds, 2, List.of(results), "1.0", "h", 1.5);
    Files.writeString(out.resolve("report.json"), Json.write(report));
    return out;
  }

  @Test
  void theShardsBecomeOneRunWithEveryTargetsFiles() throws IOException {
    Path a = shard("a", 5, built("x86_64-linux-gnu", "gcc 14", "11"));
    Path b = shard("b", 9, built("aarch64-linux-gnu", "gcc 14", "22"));
    Path out = dir.resolve("out");
    ShardMerge.Merged m = ShardMerge.merge(List.of(a, b), out);
    assertThat(m.report().targets()).extracting(TargetResult::target).containsExactly("x86_64-linux-gnu", "aarch64-linux-gnu");
    assertThat(m.report().seconds()).isEqualTo(9); // side by side: as long as the longest
    assertThat(m.report().cpuSeconds()).isEqualTo(3.0);
    assertThat(m.report().started()).isEqualTo("2026-01-01T00:00:05Z");
    assertThat(m.reproduced()).isEmpty();
    assertThat(out.resolve("aarch64-linux-gnu/artifacts/app")).hasContent("b");
    assertThat(out.resolve("x86_64-linux-gnu/logs/build.log")).hasContent("log of a");
    assertThat(out.resolve("report.json")).exists();
    assertThat(out.resolve("junit.xml")).exists();
    assertThat(out.resolve("report.html")).exists();
  }

  @Test
  void anOverlapMustAgreeOnToolchainAndArtifacts() throws IOException {
    Path a = shard("a", 1, built("x86_64-linux-gnu", "gcc 14", "11"));
    Path same = shard("same", 1, built("x86_64-linux-gnu", "gcc 14", "11"));
    ShardMerge.Merged m = ShardMerge.merge(List.of(a, same), dir.resolve("ok"));
    assertThat(m.reproduced()).singleElement().asString().contains("x86_64-linux-gnu", "1 of 1 artifacts identical");

    Path other = shard("other", 1, built("x86_64-linux-gnu", "gcc 13", "11"));
    assertThatThrownBy(() -> ShardMerge.merge(List.of(a, other), dir.resolve("no1"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("different toolchains").hasMessageContaining("gcc 13");
    Path differs = shard("differs", 1, built("x86_64-linux-gnu", "gcc 14", "99"));
    assertThatThrownBy(() -> ShardMerge.merge(List.of(a, differs), dir.resolve("no2"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("x86_64-linux-gnu/artifacts/app differs");
    assertThat(dir.resolve("no2/report.json")).doesNotExist();
  }

  @Test
  void aReportNamingAPathInsteadOfATargetIsRefused() throws IOException {
    Path bad = shard("bad", 1);
    TargetResult climbing = built("x", "v", "1");
    Files.writeString(bad.resolve("report.json"), Json.write(new MatrixReport(MatrixReport.SCHEMA_VERSION, "p", "build",
        "/p", bad.toString(), null, 1, 1, List.of(new TargetResult("../../etc", null, null, false, List.of(), List.of(),
            climbing.artifacts(), 1, false)))));
    assertThatThrownBy(() -> ShardMerge.merge(List.of(bad), dir.resolve("o"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("no target name");
    assertThatThrownBy(() -> ShardMerge.merge(List.of(dir.resolve("missing")), dir.resolve("o")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("run 'crosskit build'");
  }
}
