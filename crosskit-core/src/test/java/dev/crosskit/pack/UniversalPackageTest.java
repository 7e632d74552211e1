package dev.crosskit.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.Digests;
import dev.crosskit.base.Json;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [package] universal = true} over a report the test writes, with a stand-in for
 * llvm-lipo (a script that concatenates its inputs): which files are merged, and that a link
 * among the macOS artifacts ({@code libcalc.dylib -> libcalc.1.dylib}) stays a link to the merged
 * file, as links do in every other archive. The real llvm-lipo is in DarwinIntegrationTest.
 */
class UniversalPackageTest {
  @TempDir Path project;

  @Test
  void mergesEachPairOfFilesAndKeepsALinkAmongThemALink() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "calc"
        version = "1.0"
        build = "make"

        [package]
        universal = true
        """);
    Path out = project.resolve("target/crosskit");
    List<TargetResult> results = List.of(result(out, "x86_64-macos"), result(out, "aarch64-macos"));
    Files.writeString(out.resolve("report.json"), Json.write(new MatrixReport(MatrixReport.SCHEMA_VERSION, "calc",
        "build", project.toString(), out.toString(), "2026-01-01T00:00:00Z", 1, 2, results)));
    Path lipo = project.resolve("fake-lipo");
    Files.writeString(lipo, "#!/bin/sh\n# -create -output OUT X86 ARM\ncat \"$4\" \"$5\" > \"$3\"\n");
    Files.setPosixFilePermissions(lipo, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProjectConfig config = new ConfigLoader().load(project, Map.of(), Json.mapper().createObjectNode());

    PackageManifest m = new Packager(config, LastBuild.read(out), new UniversalBinaries(new ProcessRunner(),
        Optional.of(lipo))).pack(new Packager.Options(List.of(), false, Optional.empty(), Optional.empty(), 0));

    PackageManifest.File universal = m.files().stream().filter(f -> f.target().equals(UniversalPackage.NAME))
        .findFirst().orElseThrow();
    assertThat(universal.file()).isEqualTo("calc-1.0-darwin-universal.tar.gz");
    assertThat(universal.contents()).extracting(PackageManifest.Content::path)
        .containsExactly("calc-cli", "libcalc.1.dylib", "libcalc.dylib");
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    Map<String, String> text = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(out.resolve("dist").resolve(universal.file()));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.put(e.getName(), e);
        text.put(e.getName(), new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    String top = "calc-1.0-darwin-universal/";
    assertThat(entries.get(top + "libcalc.dylib").isSymbolicLink()).isTrue();
    assertThat(entries.get(top + "libcalc.dylib").getLinkName()).isEqualTo("libcalc.1.dylib");
    assertThat(text.get(top + "libcalc.1.dylib")).isEqualTo("libcalc x86_64-macos\nlibcalc aarch64-macos\n");
    assertThat(text.get(top + "calc-cli")).isEqualTo("calc-cli x86_64-macos\ncalc-cli aarch64-macos\n");
    assertThat(Files.readSymbolicLink(out.resolve("darwin-universal/libcalc.dylib"))).isEqualTo(Path.of("libcalc.1.dylib"));
  }

  /** A passing macOS target with a program, a dylib and a link to the dylib among its artifacts. */
  private static TargetResult result(Path out, String target) throws IOException {
    Path dir = Files.createDirectories(out.resolve(target).resolve("artifacts"));
    List<Artifact> artifacts = new ArrayList<>();
    for (String name : List.of("calc-cli", "libcalc.1.dylib")) {
      Path file = Files.writeString(dir.resolve(name), name.replace(".1.dylib", "") + " " + target + "\n");
      artifacts.add(artifact(out, file, target));
    }
    artifacts.add(artifact(out, Files.createSymbolicLink(dir.resolve("libcalc.dylib"), Path.of("libcalc.1.dylib")),
        target));
    return new TargetResult(target, "clang-darwin", null, false,
        List.of(new StepResult(Step.BUILD, Status.PASSED, 1, "", null, null)), List.of(), artifacts, 1, false);
  }

  private static Artifact artifact(Path out, Path file, String target) throws IOException {
    return new Artifact(out.relativize(file).toString(), Files.size(file), Digests.sha256(file), target,
        target + " Mach-O", true, List.of());
  }
}
