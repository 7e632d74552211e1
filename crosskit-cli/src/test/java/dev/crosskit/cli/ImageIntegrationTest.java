package dev.crosskit.cli;

import static dev.crosskit.cli.ExternalTools.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.base.Digests;
import dev.crosskit.base.Json;
import dev.crosskit.host.Host;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.sysroot.MuslSysroots;
import dev.crosskit.sysroot.MuslToolchain;
import dev.crosskit.sysroot.SysrootStore;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crosskit image} checked by independent readers: skopeo reads the index and every
 * platform's manifest, umoci unpacks each platform's root filesystem, and the binary in it runs
 * (under QEMU user-mode for the foreign ones). The binaries are the c-make example's ringbuf built
 * static against musl with {@link MuslSysroots} (crosskit build does not provision foreign musl
 * toolchains on this branch yet), and handed to {@code crosskit image} through a report.json like
 * the one {@code crosskit build} writes.
 */
@Tag("integration")
class ImageIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** target, OCI architecture, variant ("" for none), how to run a binary of it ("" for natively). */
  private static final String[][] PLATFORMS = {
      {"x86_64-linux-musl", "amd64", "", ""},
      {"aarch64-linux-musl", "arm64", "", "qemu-aarch64-static"},
      {"armv7-linux-musleabihf", "arm", "v7", "qemu-arm-static"},
      {"riscv64-linux-musl", "riscv64", "", "qemu-riscv64-static"}};

  @TempDir static Path out;
  @TempDir Path work;

  @BeforeAll
  static void buildStaticBinaries() throws IOException {
    ExternalTools.require("skopeo", "skopeo");
    ExternalTools.require("umoci", "umoci");
    ExternalTools.require("qemu-aarch64-static", "qemu-user-static");
    SysrootStore store = Host.system(m -> System.err.println("crosskit: " + m)).sysroots();
    Path example = MatrixIntegrationTest.example("c-make");
    List<TargetResult> results = new ArrayList<>();
    for (String[] p : PLATFORMS) {
      Target t = TargetResolver.builtIn().target(p[0]);
      MuslToolchain tc = new MuslSysroots(store).ensure(t);
      Path bin = out.resolve(t.name()).resolve("artifacts").resolve("ringbuf");
      Files.createDirectories(bin.getParent());
      ok(tc.compileAndLink(List.of("-O2", example.resolve("main.c").toString(), example.resolve("ringbuf.c").toString(),
          "-o", bin.toString())));
      results.add(new TargetResult(t.name(), tc.ccString(), null, false,
          List.of(new StepResult(Step.BUILD, Status.PASSED, 1, "musl static", null, null),
              new StepResult(Step.VERIFY, Status.PASSED, 0, "static", null, null)),
          List.of(), List.of(artifact(bin, t.name())), 1, false));
    }
    writeReport(results);
  }

  private static Artifact artifact(Path bin, String target) throws IOException {
    return new Artifact(out.relativize(bin).toString(), Files.size(bin), Digests.sha256(bin), target, "static", true,
        List.of());
  }

  private static void writeReport(List<TargetResult> results) throws IOException {
    MatrixReport report = new MatrixReport(MatrixReport.SCHEMA_VERSION, "ringbuf", "build", "", out.toString(),
        "2026-01-01T00:00:00Z", 1, 2, results);
    Files.writeString(out.resolve("report.json"), Json.write(report));
  }

  private static CliRunner image(String... more) {
    return imageFrom(out, more);
  }

  private static CliRunner imageFrom(Path outDir, String... more) {
    List<String> args = new ArrayList<>(List.of("image", "-C", MatrixIntegrationTest.example("c-make").toString(),
        "--out", outDir.toString()));
    if (!List.of(more).contains("--tag")) {
      args.addAll(List.of("--tag", "ringbuf:1.0"));
    }
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  void skopeoReadsTheIndexAndUmociUnpacksARunnableRootFsPerArchitecture() throws IOException {
    Path layout = work.resolve("layout");
    CliRunner r = image("--output", "oci:" + layout);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    String ref = "oci:" + layout + ":1.0";

    JsonNode index = JSON.readTree(ok("skopeo", "inspect", "--raw", ref));
    assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(index.path("manifests")).hasSize(PLATFORMS.length);
    for (int i = 0; i < PLATFORMS.length; i++) {
      String[] p = PLATFORMS[i];
      JsonNode platform = index.path("manifests").get(i).path("platform");
      assertThat(platform.path("os").asText()).isEqualTo("linux");
      assertThat(platform.path("architecture").asText()).isEqualTo(p[1]);
      assertThat(platform.path("variant").asText()).isEqualTo(p[2]);

      List<String> override = new ArrayList<>(List.of("--override-os", "linux", "--override-arch", p[1]));
      if (!p[2].isEmpty()) {
        override.addAll(List.of("--override-variant", p[2]));
      }
      List<String> inspect = new ArrayList<>(List.of("skopeo"));
      inspect.addAll(override);
      inspect.addAll(List.of("inspect", "--config", ref));
      JsonNode config = JSON.readTree(ok(inspect));
      assertThat(config.path("architecture").asText()).as(p[0]).isEqualTo(p[1]);
      assertThat(config.path("config").path("Entrypoint").get(0).asText()).isEqualTo("/ringbuf");
      assertThat(config.path("rootfs").path("diff_ids")).hasSize(1);

      Path single = work.resolve("single-" + p[0]);
      List<String> copy = new ArrayList<>(List.of("skopeo"));
      copy.addAll(override);
      copy.addAll(List.of("copy", ref, "oci:" + single + ":1.0"));
      ok(copy);
      Path bundle = work.resolve("bundle-" + p[0]);
      ok("umoci", "unpack", "--rootless", "--image", single + ":1.0", bundle.toString());
      Path bin = bundle.resolve("rootfs").resolve("ringbuf");
      assertThat(bin).isRegularFile().isExecutable();
      List<String> run = new ArrayList<>();
      if (!p[3].isEmpty()) {
        run.add(p[3]);
      }
      run.addAll(List.of(bin.toString(), "hello-from-" + p[1]));
      assertThat(ok(run)).as(p[0]).isEqualTo("hello-from-" + p[1] + "\n");
    }
  }

  @Test
  void fromARealBuildOfTheMuslTargetToARunningRootFs() throws IOException {
    Path built = work.resolve("built");
    CliRunner b = CliRunner.run("build", "-C", MatrixIntegrationTest.example("c-make").toString(), "--out",
        built.toString(), "--target", "x86_64-linux-musl", "-q");
    assertThat(b.exitCode()).as(b.out()).isZero();
    Path layout = built.resolve("image");
    CliRunner r = imageFrom(built);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("x86_64-linux-musl", "linux/amd64", "Wrote ringbuf:1.0 (index sha256:");
    Path bundle = work.resolve("bundle-built");
    ok("umoci", "unpack", "--rootless", "--image", layout + ":1.0", bundle.toString());
    assertThat(ok(bundle.resolve("rootfs/ringbuf").toString(), "from-a-real-build")).isEqualTo("from-a-real-build\n");
  }

  @Test
  void sameInputsGiveTheSameDigestsAndTheArchiveHoldsTheSameIndex() throws IOException {
    Path a = work.resolve("a");
    Path b = work.resolve("b");
    assertThat(image("--output", "oci:" + a).exitCode()).isZero();
    assertThat(image("--output", "oci:" + b, "--json").exitCode()).isZero();
    assertThat(Files.readString(a.resolve("index.json"))).isEqualTo(Files.readString(b.resolve("index.json")));
    assertThat(Files.readString(a.resolve("oci-layout"))).contains("\"imageLayoutVersion\":\"1.0.0\"");
    try (var s = Files.list(a.resolve("blobs/sha256"))) {
      // per platform a layer, a config and a manifest, plus the index
      assertThat(s.count()).isEqualTo(3L * PLATFORMS.length + 1);
    }
    Path tar = work.resolve("ringbuf.tar");
    Path tar2 = work.resolve("ringbuf2.tar");
    assertThat(image("--output", "oci-archive:" + tar).exitCode()).isZero();
    assertThat(image("--output", "oci-archive:" + tar2).exitCode()).isZero();
    assertThat(Digests.sha256(tar)).isEqualTo(Digests.sha256(tar2));
    String raw = ok("skopeo", "inspect", "--raw", "oci-archive:" + tar + ":1.0");
    String rawLayout = ok("skopeo", "inspect", "--raw", "oci:" + a + ":1.0");
    assertThat(raw).isEqualTo(rawLayout);
  }

  @Test
  void anImageIsAddedToALayoutUmociWroteAndBothReadBack() throws IOException {
    Path layout = work.resolve("shared");
    ok("umoci", "init", "--layout", layout.toString());
    ok("umoci", "new", "--image", layout + ":theirs");
    Files.writeString(layout.resolve("README"), "images for the release\n");
    CliRunner r = image("--output", "oci:" + layout);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(ok("umoci", "ls", "--layout", layout.toString()).lines()).containsExactlyInAnyOrder("theirs", "1.0");
    assertThat(JSON.readTree(ok("skopeo", "inspect", "--raw", "oci:" + layout + ":1.0")).path("manifests"))
        .hasSize(PLATFORMS.length);
    JsonNode theirs = JSON.readTree(ok("skopeo", "inspect", "--raw", "oci:" + layout + ":theirs"));
    assertThat(theirs.path("schemaVersion").asInt()).as(theirs.toString()).isEqualTo(2);
    assertThat(theirs.path("config").path("digest").asText()).startsWith("sha256:");
    assertThat(layout.resolve("README")).hasContent("images for the release");
  }

  @Test
  void aDynamicBinaryIsRefusedWithoutABaseLayer() throws IOException {
    ExternalTools.require("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
    Path dynOut = work.resolve("dyn");
    Path bin = dynOut.resolve("aarch64-linux-gnu/artifacts/ringbuf");
    Files.createDirectories(bin.getParent());
    Path example = MatrixIntegrationTest.example("c-make");
    ok("aarch64-linux-gnu-gcc", "-O2", example.resolve("main.c").toString(), example.resolve("ringbuf.c").toString(),
        "-o", bin.toString());
    Artifact a = new Artifact(dynOut.relativize(bin).toString(), Files.size(bin), Digests.sha256(bin),
        "aarch64-linux-gnu", "dynamic", true, List.of());
    TargetResult t = new TargetResult("aarch64-linux-gnu", "gcc", null, false,
        List.of(new StepResult(Step.BUILD, Status.PASSED, 1, "", null, null)), List.of(), List.of(a), 1, false);
    Files.writeString(dynOut.resolve("report.json"), Json.write(new MatrixReport(MatrixReport.SCHEMA_VERSION,
        "ringbuf", "build", "", dynOut.toString(), "2026-01-01T00:00:00Z", 1, 2, List.of(t))));

    // named, it is refused; by default it is left out, and with nothing else to use there is no image
    CliRunner refused = imageFrom(dynOut, "--output", "oci:" + work.resolve("no"), "--target", "aarch64-linux-gnu");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("is dynamically linked (libc.so.6)", "--base-layer").doesNotContain("Exception");
    CliRunner none = imageFrom(dynOut, "--output", "oci:" + work.resolve("no"));
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("aarch64-linux-gnu: ringbuf is dynamically linked (libc.so.6), no image",
        "--base-layer").doesNotContain("Exception");
    assertThat(work.resolve("no")).doesNotExist();

    // with a base layer (here: an empty tar standing in for the loader and libraries) it is built on top of it
    Path base = work.resolve("base.tar");
    ok("tar", "-cf", base.toString(), "--files-from", "/dev/null");
    CliRunner withBase = imageFrom(dynOut, "--output", "oci:" + work.resolve("yes"), "--base-layer", base.toString());
    assertThat(withBase.exitCode()).as(withBase.err()).isZero();
    JsonNode config = JSON.readTree(ok("skopeo", "--override-arch", "arm64", "inspect", "--config",
        "oci:" + work.resolve("yes") + ":1.0"));
    assertThat(config.path("rootfs").path("diff_ids")).hasSize(2);
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    CliRunner windows = image("--target", "x86_64-windows-gnu");
    assertThat(windows.exitCode()).isEqualTo(2);
    assertThat(windows.err()).contains("x86_64-windows-gnu is not in the last build").doesNotContain("Exception");
    CliRunner badTag = image("--tag", "Not A Tag");
    assertThat(badTag.exitCode()).isEqualTo(2);
    assertThat(badTag.err()).contains("is not an image reference");
    Path mine = work.resolve("mine");
    ExternalTools.ok("mkdir", "-p", mine.resolve("keep").toString());
    CliRunner notALayout = image("--output", "oci:" + mine);
    assertThat(notALayout.exitCode()).isEqualTo(2);
    assertThat(notALayout.err()).contains("is a non-empty directory that is not an OCI layout");
    assertThat(mine.resolve("keep")).isDirectory();
    CliRunner badOutput = image("--output", "docker://x");
    assertThat(badOutput.exitCode()).isEqualTo(2);
    assertThat(badOutput.err()).contains("--output must be oci:DIR or oci-archive:FILE");
  }
}
