package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.build.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crosskit.lock on this host: {@code crosskit lock} pins the real Debian versions of the cross gcc,
 * QEMU, ccache and CMake; a build with {@code --locked} passes and reports the lock's fingerprint;
 * after the lock is edited to another gcc version (as if the host had drifted) {@code --locked}
 * fails with exit 1 naming the package and both versions, before building anything.
 */
@Tag("integration")
class LockIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = "aarch64-linux-gnu";
  private static final String GCC = "gcc-aarch64-linux-gnu";
  @TempDir Path dir;

  @Test
  void aTamperedLockMakesLockedFailNamingThePackage() throws IOException {
    ExternalTools.require("dpkg-query", "dpkg");
    Path project = dir.resolve("c-cmake");
    new SourceTree(example("c-cmake")).copyTo(project);
    CliRunner none = CliRunner.run("build", "-C", project.toString(), "--target", TARGET, "--locked");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("run 'crosskit lock' first");

    CliRunner lock = CliRunner.run("lock", "-C", project.toString(), "--target", TARGET);
    assertThat(lock.exitCode()).as(lock.err()).isZero();
    Path file = project.resolve("crosskit.lock");
    ObjectNode written = (ObjectNode) JSON.readTree(file.toFile());
    JsonNode packages = written.path("targets").path(TARGET).path("packages");
    String gcc = packages.path(GCC).asText();
    assertThat(gcc).matches("[0-9]+:?[0-9.]+.*");
    String realGcc = ExternalTools.ok("dpkg-query", "-W", "-f=${Version}", GCC).strip();
    assertThat(gcc).isEqualTo(realGcc);
    assertThat(packages.path("qemu-user-static").asText()).isNotEqualTo("not installed").isNotEmpty();
    assertThat(packages.path("ccache").asText()).isNotEmpty();
    assertThat(packages.path("cmake").asText()).isNotEmpty();

    CliRunner locked = CliRunner.run("build", "-C", project.toString(), "--target", TARGET, "--locked", "-q");
    assertThat(locked.exitCode()).as(locked.out() + locked.err()).isZero();
    JsonNode report = JSON.readTree(project.resolve("target/crosskit/report.json").toFile());
    String fingerprint = target(report, TARGET).path("toolchainFingerprint").asText();
    assertThat(fingerprint).startsWith("sha256:");

    ((ObjectNode) written.path("targets").path(TARGET).path("packages")).put(GCC, "1:0.1-tampered");
    Files.writeString(file, JSON.writeValueAsString(written));
    CliRunner drift = CliRunner.run("build", "-C", project.toString(), "--target", TARGET, "--locked", "--rebuild");
    assertThat(drift.exitCode()).isEqualTo(1);
    assertThat(drift.err()).contains(TARGET + " " + GCC + " locked 1:0.1-tampered, found " + realGcc)
        .doesNotContain("Exception");
    // the report is the locked build's: nothing was built with the drifted toolchain
    JsonNode after = JSON.readTree(project.resolve("target/crosskit/report.json").toFile());
    assertThat(target(after, TARGET).path("toolchainFingerprint").asText()).isEqualTo(fingerprint);
  }
}
