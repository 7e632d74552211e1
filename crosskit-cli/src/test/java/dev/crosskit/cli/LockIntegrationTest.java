package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.build.SourceTree;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crosskit.lock on this host: {@code crosskit lock} pins the real Debian versions of the cross gcc,
 * QEMU, ccache and CMake, and for a musl target its sysroot's .debs with their SHA-256 and its
 * recipes; a build with {@code --locked} passes and reports the lock's fingerprint;
 * after the lock is edited to another gcc version (as if the host had drifted) {@code --locked}
 * fails with exit 1 naming the package and both versions, before building anything. A runner with
 * an empty cache makes the musl sysroot of the locked .debs, and stops (exit 1) at one whose SHA-256
 * is not the lock's.
 */
@Tag("integration")
class LockIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = "aarch64-linux-gnu";
  private static final String GCC = "gcc-aarch64-linux-gnu";
  private static final String MUSL = "aarch64-linux-musl";
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

    // a target on crosskit's own sysroot: its .debs' SHA-256 (as sha256sum reads apt's downloaded
    // file) and its recipes are pinned too
    CliRunner sysroot = CliRunner.run("sysroot", "add", MUSL);
    assertThat(sysroot.exitCode()).as(sysroot.err()).isZero();
    Path cMake = dir.resolve("c-make"); // C only: no libstdc++ to build for musl
    new SourceTree(example("c-make")).copyTo(cMake);
    CliRunner muslLock = CliRunner.run("lock", "-C", cMake.toString(), "--target", MUSL);
    assertThat(muslLock.exitCode()).as(muslLock.err()).isZero();
    Path muslFile = cMake.resolve("crosskit.lock");
    ObjectNode muslWritten = (ObjectNode) JSON.readTree(muslFile.toFile());
    JsonNode musl = muslWritten.path("targets").path(MUSL);
    String muslDev = musl.path("sysroot").path("musl-dev").asText();
    Path deb;
    try (var debs = Files.walk(Host.system(m -> { }).home().resolve("apt"))) {
      deb = debs.filter(p -> p.getFileName().toString().equals("musl-dev_" + muslDev + "_arm64.deb")).findFirst().orElseThrow();
    }
    assertThat(musl.path("sysrootSha256").path("musl-dev").asText())
        .isEqualTo(ExternalTools.ok("sha256sum", deb.toString()).split(" ")[0]);
    assertThat(musl.path("recipes").path("musl").asText()).matches("debian bookworm recipe sha256:[0-9a-f]{16}");
    assertThat(musl.path("recipes").path("libstdc++").asText()).contains(" recipe sha256:");

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

    // a runner with an empty cache fetches the musl sysroot at the locked versions and checks each
    // .deb against the lock's SHA-256; a lock with another hash stops the build, naming the package
    Path home = dir.resolve("home");
    copyIndex(Host.system(m -> { }).home().resolve("apt/bookworm-arm64"), home.resolve("apt/bookworm-arm64"));
    Host fresh = Host.system(home, m -> { });
    CliRunner pinned = CliRunner.run(fresh, "build", "-C", cMake.toString(), "--target", MUSL, "--locked", "-q");
    assertThat(pinned.exitCode()).as(pinned.out() + pinned.err()).isZero();
    JsonNode manifest = JSON.readTree(home.resolve("sysroots/" + MUSL + "-bookworm/crosskit-sysroot.json").toFile());
    assertThat(manifest.path("installed").toString()).contains("musl-dev=" + muslDev);
    assertThat(manifest.path("sha256").path("musl-dev").asText()).isEqualTo(musl.path("sysrootSha256").path("musl-dev").asText());
    String realHash = manifest.path("sha256").path("musl-dev").asText();
    ((ObjectNode) musl.path("sysrootSha256")).put("musl-dev", "0".repeat(64));
    Files.writeString(muslFile, JSON.writeValueAsString(muslWritten));
    CliRunner badHash = CliRunner.run(fresh, "build", "-C", cMake.toString(), "--target", MUSL, "--locked", "--rebuild");
    assertThat(badHash.exitCode()).isEqualTo(1);
    assertThat(badHash.out() + badHash.err() + logs(cMake))
        .contains("musl-dev expected " + "0".repeat(64) + ", found " + realHash);
  }

  /** A private apt directory's package index without its downloaded .debs (so those are fetched). */
  private static void copyIndex(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".deb")).toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        Files.createDirectories(dest.getParent());
        Files.copy(p, dest);
      }
    }
  }

  /** Every log the build wrote (a target's provisioning failure is told there). */
  private static String logs(Path project) throws IOException {
    StringBuilder all = new StringBuilder();
    Path dir = project.resolve("target/crosskit");
    try (var files = Files.walk(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".log") || f.endsWith("report.json")).toList()) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
  }
}
