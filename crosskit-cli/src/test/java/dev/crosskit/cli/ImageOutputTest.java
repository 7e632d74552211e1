package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.Digests;
import dev.crosskit.base.Json;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code crosskit image} writes, and what it never touches: an OCI layout another tool
 * wrote is added to (its images and files kept), and an archive never replaces a file crosskit
 * did not write. The binary is this JVM's launcher (dynamically linked, so on a base layer: an
 * empty tar); the report is written by the test. skopeo and umoci read the results in
 * {@link ImageIntegrationTest}.
 */
class ImageOutputTest {
  @TempDir Path project;
  private Path out;
  private Path base;

  @BeforeEach
  void writeReport() throws IOException {
    out = project.resolve("target/crosskit");
    Path bin = out.resolve("x86_64-linux-gnu/artifacts/app");
    Files.createDirectories(bin.getParent());
    Files.copy(Path.of(System.getProperty("java.home"), "bin", "java"), bin);
    Artifact a = new Artifact(out.relativize(bin).toString(), Files.size(bin), Digests.sha256(bin), "x86_64-linux-gnu",
        "x86_64 ELF 64-bit dynamic glibc", true, List.of());
    TargetResult t = new TargetResult("x86_64-linux-gnu", "gcc", "native", false,
        List.of(new StepResult(Step.BUILD, Status.PASSED, 1, "", null, null)), List.of(), List.of(a), 1, false);
    Files.writeString(out.resolve("report.json"), Json.write(new MatrixReport(MatrixReport.SCHEMA_VERSION, "app",
        "build", project.toString(), out.toString(), "2026-01-01T00:00:00Z", 1, 2, List.of(t))));
    base = Files.write(project.resolve("base.tar"), new byte[1024]); // an empty tar: two zero blocks
  }

  private CliRunner image(String... more) {
    List<String> args = new ArrayList<>(List.of("image", "-C", project.toString(), "--tag", "app:1.0",
        "--base-layer", base.toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  /** A layout as another tool leaves it: one image tagged "other", its blob, and a file of the user's. */
  private static Path otherToolsLayout(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    byte[] manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"
        .getBytes(StandardCharsets.UTF_8);
    String digest = Digests.sha256(manifest);
    Files.write(dir.resolve("blobs/sha256").resolve(digest), manifest);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
    Files.writeString(dir.resolve("index.json"), """
        {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
         "digest": "sha256:%s", "size": %d, "annotations": {"org.opencontainers.image.ref.name": "other"}}]}
        """.formatted(digest, manifest.length));
    Files.writeString(dir.resolve("NOTES.txt"), "the user's own notes\n");
    return dir.resolve("blobs/sha256").resolve(digest);
  }

  private static List<String> refNames(Path layout) throws IOException {
    List<String> names = new ArrayList<>();
    for (JsonNode m : Json.mapper().readTree(layout.resolve("index.json").toFile()).path("manifests")) {
      names.add(m.path("annotations").path("org.opencontainers.image.ref.name").asText());
    }
    return names;
  }

  @Test
  void anOciLayoutAnotherToolWroteIsAddedToAndKeepsItsImagesAndFiles() throws IOException {
    Path layout = project.resolve("layout");
    Path otherBlob = otherToolsLayout(layout);
    CliRunner r = image("--output", "oci:" + layout);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(refNames(layout)).containsExactly("other", "1.0");
    assertThat(layout.resolve("NOTES.txt")).hasContent("the user's own notes");
    assertThat(otherBlob).exists();
    // every blob the new image names is there
    String ours = Json.mapper().readTree(layout.resolve("index.json").toFile()).path("manifests").get(1).path("digest")
        .asText();
    assertThat(layout.resolve("blobs/sha256").resolve(ours.substring("sha256:".length()))).exists();

    // written again, the tag is replaced, not added twice, and the other image stays
    assertThat(image("--output", "oci:" + layout).exitCode()).isZero();
    assertThat(refNames(layout)).containsExactly("other", "1.0");
    assertThat(otherBlob).exists();
  }

  @Test
  void aLayoutWhoseIndexCannotBeReadIsRefused() throws IOException {
    Path layout = project.resolve("broken");
    otherToolsLayout(layout);
    Files.writeString(layout.resolve("index.json"), "{ not json");
    CliRunner r = image("--output", "oci:" + layout);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("crosskit: --output oci:" + layout + ": index.json").doesNotContain("Exception");
    assertThat(layout.resolve("index.json")).hasContent("{ not json");
  }

  @Test
  void anArchiveNeverReplacesAFileCrosskitDidNotWrite() throws IOException {
    Path source = Files.writeString(project.resolve("main.c"), "int main(void) { return 0; }\n");
    CliRunner r = image("--output", "oci-archive:" + source);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("crosskit: --output oci-archive:" + source + " exists and is not an OCI archive"
        + " crosskit wrote; crosskit replaces only its own: choose another file" + System.lineSeparator());
    assertThat(source).hasContent("int main(void) { return 0; }");

    // its own earlier archive is replaced
    Path tar = project.resolve("app.tar");
    assertThat(image("--output", "oci-archive:" + tar).exitCode()).isZero();
    assertThat(image("--output", "oci-archive:" + tar).exitCode()).isZero();
    assertThat(tar).isNotEmptyFile();
  }

  /**
   * README's "Ship it": after a build of a mixed matrix, {@code image} without --target takes the
   * static targets and names the dynamic ones it left out; a dynamic one named with --target is
   * still refused without a base layer.
   */
  @Test
  void withoutTargetsTheImageHoldsTheStaticTargetsAndNamesTheDynamicOnesLeftOut() throws Exception {
    Path src = Files.writeString(project.resolve("hello.c"), "int main(void) { return 0; }\n");
    Path bin = out.resolve("x86_64-linux-musl/artifacts/app");
    Files.createDirectories(bin.getParent());
    Process cc = new ProcessBuilder("cc", "-static", "-o", bin.toString(), src.toString()).inheritIO().start();
    assertThat(cc.waitFor()).isZero();
    MatrixReport report = Json.mapper().readValue(out.resolve("report.json").toFile(), MatrixReport.class);
    List<TargetResult> targets = new ArrayList<>(report.targets());
    targets.add(new TargetResult("x86_64-linux-musl", "gcc", "native", false,
        List.of(new StepResult(Step.BUILD, Status.PASSED, 1, "", null, null)), List.of(),
        List.of(new Artifact(out.relativize(bin).toString(), Files.size(bin), Digests.sha256(bin), "x86_64-linux-musl",
            "x86_64 ELF 64-bit static", true, List.of())), 1, false));
    Files.writeString(out.resolve("report.json"), Json.write(new MatrixReport(report.schemaVersion(), report.project(),
        report.command(), report.projectDir(), report.outDir(), report.started(), report.seconds(), report.jobs(), targets)));

    Path tar = project.resolve("app.tar");
    CliRunner r = CliRunner.run("image", "-C", project.toString(), "--tag", "app:1.0", "--output", "oci-archive:" + tar);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("x86_64-linux-musl").contains("skipped x86_64-linux-gnu: app is dynamically linked (");
    assertThat(tar).isNotEmptyFile();

    CliRunner named = CliRunner.run("image", "-C", project.toString(), "--tag", "app:1.0", "-t", "x86_64-linux-gnu",
        "--output", "oci-archive:" + tar);
    assertThat(named.exitCode()).isEqualTo(2);
    assertThat(named.err()).contains("dynamically linked");
  }
}
