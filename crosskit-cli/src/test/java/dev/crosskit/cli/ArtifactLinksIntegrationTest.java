package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real build whose output has symlinks: {@code ln -s /usr/bin/ls} and {@code ln -s /etc/shadow}
 * never bring the host's files into the artifacts or the archive; a link to the build's own
 * program stays a link.
 */
@Tag("integration")
class ArtifactLinksIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path project;

  @BeforeEach
  void writeProject() throws IOException {
    Files.writeString(project.resolve("hello.c"), "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
  }

  private CliRunner build(String artifacts) throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "links"
        version = "1.0"
        build = "command"
        targets = ["x86_64-linux-gnu"]
        [build]
        command = ["sh", "-c", "${CC:-cc} -o hello hello.c && ln -s hello hello-link && ln -s /usr/bin/ls lsln && ln -s /etc/shadow leak"]
        """ + artifacts);
    return CliRunner.run("build", "-C", project.toString(), "--json");
  }

  private Path artifacts() {
    return project.resolve("target/crosskit/x86_64-linux-gnu/artifacts");
  }

  @Test
  void linksOutOfTheBuildAreRefusedAndLinksInsideStayLinks() throws IOException {
    CliRunner r = build("");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    JsonNode target = JSON.readTree(r.out()).path("targets").get(0);
    assertThat(target.toString()).contains("lsln -> /usr/bin/ls leaves the build tree: not collected");
    try (Stream<Path> files = Files.list(artifacts())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("hello", "hello-link");
    }
    assertThat(Files.readSymbolicLink(artifacts().resolve("hello-link"))).isEqualTo(Path.of("hello"));

    CliRunner pack = CliRunner.run("package", "-C", project.toString());
    assertThat(pack.exitCode()).as(pack.err()).isZero();
    String listing = ExternalTools.ok("tar", "-tvzf",
        project.resolve("target/crosskit/dist/links-1.0-linux-amd64.tar.gz").toString());
    assertThat(listing).contains("links-1.0-linux-amd64/hello-link -> hello").doesNotContain("lsln", "leak");
  }

  @Test
  void aNamedArtifactThatLinksToAHostFileFailsCollectAndIsNeverCopied() throws IOException {
    CliRunner r = build("artifacts = [\"hello\", \"leak\"]\n");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode collect = null;
    for (JsonNode step : JSON.readTree(r.out()).path("targets").get(0).path("steps")) {
      collect = step.path("step").asText().equals("collect") ? step : collect;
    }
    assertThat(collect).isNotNull();
    assertThat(collect.path("status").asText()).isEqualTo("FAILED");
    assertThat(collect.path("summary").asText()).isEqualTo("leak -> /etc/shadow leaves the build tree: not collected");
    assertThat(artifacts().resolve("leak")).doesNotExist();
  }
}
