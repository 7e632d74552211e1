package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflows crosskit ci writes, parsed as YAML: their jobs, and the crosskit commands in them. */
class CiCommandTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  @TempDir Path dir;

  private Path project() throws IOException {
    Files.writeString(dir.resolve("crosskit.toml"), """
        [project]
        name = "app"
        targets = ["x86_64-linux-gnu", "arm64", "riscv64-linux-gnu"]
        """);
    return dir;
  }

  private static List<String> lines(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void githubRunsOneJobPerShardAndAReleaseJobThatMergesAndPackages() throws IOException {
    Path p = project();
    CliRunner r = CliRunner.run("ci", "github", "-C", p.toString(), "--shards", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode wf = YAML.readTree(p.resolve(".github/workflows/crosskit.yml").toFile());
    assertThat(wf.path("jobs").properties()).extracting(e -> e.getKey()).containsExactly("shard", "release");
    JsonNode shard = wf.path("jobs").path("shard");
    assertThat(lines(shard.path("strategy").path("matrix").path("shard"))).containsExactly("1", "2", "3");
    List<String> runs = shard.path("steps").findValuesAsText("run");
    assertThat(runs).contains("sudo crosskit setup x86_64-linux-gnu aarch64-linux-gnu riscv64-linux-gnu",
        "crosskit test --shard ${{ matrix.shard }}/3 --out target/crosskit-shard-${{ matrix.shard }}");
    assertThat(runs.getFirst()).contains("$CROSSKIT_DEB", "apt-get install");
    assertThat(shard.path("steps").findValuesAsText("uses")).contains("actions/upload-artifact@v4");
    JsonNode release = wf.path("jobs").path("release");
    assertThat(release.path("needs").asText()).isEqualTo("shard");
    assertThat(release.path("steps").findValuesAsText("run")).contains("crosskit merge shards/*", "crosskit package");
    assertThat(release.path("steps").findValues("path").stream().map(JsonNode::asText)).contains("target/crosskit/dist");

    CliRunner again = CliRunner.run("ci", "github", "-C", p.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("exists; give --force");
  }

  @Test
  void gitlabUsesParallelJobsAndTheInstallCommandStaysOneValue() throws IOException {
    Path p = project();
    String install = "pip install x: y # not a comment && echo 'ok'";
    CliRunner r = CliRunner.run("ci", "gitlab", "-C", p.toString(), "--shards", "2", "--install", install, "--stdout");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(p.resolve(".gitlab-ci.yml")).doesNotExist();
    JsonNode wf = YAML.readTree(r.out());
    assertThat(lines(wf.path("stages"))).containsExactly("shard", "release");
    assertThat(lines(wf.path("default").path("before_script"))).containsExactly(install);
    JsonNode shard = wf.path("shard");
    assertThat(shard.path("parallel").asInt()).isEqualTo(2);
    assertThat(lines(shard.path("script"))).containsExactly("crosskit setup x86_64-linux-gnu aarch64-linux-gnu riscv64-linux-gnu",
        "crosskit test --shard ${CI_NODE_INDEX}/${CI_NODE_TOTAL} --out target/crosskit-shard-${CI_NODE_INDEX}");
    assertThat(lines(wf.path("release").path("script"))).containsExactly("crosskit merge target/crosskit-shard-*",
        "crosskit package");
    assertThat(lines(wf.path("release").path("needs"))).containsExactly("shard");

    CliRunner bad = CliRunner.run("ci", "circleci", "-C", p.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    CliRunner zero = CliRunner.run("ci", "gitlab", "-C", p.toString(), "--shards", "0", "--stdout");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--shards must be between 1 and 256");
  }
}
