package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TargetsCommandTest {
  @Test
  void listsTheCatalog() {
    CliRunner r = CliRunner.run("targets");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("aarch64-linux-gnu", "armv6-linux-musleabihf", "x86_64-windows-gnu", "aarch64-macos");
  }

  @Test
  void listAsJson() throws Exception {
    CliRunner r = CliRunner.run("targets", "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode list = new ObjectMapper().readTree(r.out());
    assertThat(list.size()).isGreaterThanOrEqualTo(19);
    assertThat(list.get(0).path("names").path("rust").asText()).isEqualTo("x86_64-unknown-linux-gnu");
  }

  @Test
  void showsEverySpelling() throws Exception {
    CliRunner r = CliRunner.run("targets", "show", "linux/arm/v7", "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode t = new ObjectMapper().readTree(r.out());
    assertThat(t.path("name").asText()).isEqualTo("armv7-linux-gnueabihf");
    assertThat(t.path("names").path("maven").asText()).isEqualTo("linux-arm_32");
    assertThat(t.path("names").path("qemu").asText()).isEqualTo("qemu-arm");
    assertThat(t.path("alternatives").toString()).contains("armv7-linux-musleabihf");
    assertThat(r.err()).contains("note:").contains("armv7-linux-musleabihf");
  }

  @Test
  void convertsToOneScheme() {
    CliRunner r = CliRunner.run("targets", "convert", "aarch64-unknown-linux-musl", "--to", "docker");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo("linux/arm64");
  }

  @Test
  void convertsToSeveralSchemes() {
    CliRunner r = CliRunner.run("targets", "convert", "armv6-linux-gnueabihf", "--to", "rust,go,docker");
    assertThat(r.out()).contains("rust: arm-unknown-linux-gnueabihf", "go: GOOS=linux GOARCH=arm GOARM=6",
        "docker: linux/arm/v6");
  }

  @Test
  void unknownTargetExitsTwoWithSuggestions() {
    CliRunner r = CliRunner.run("targets", "show", "aarch64-linux-muls");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown target 'aarch64-linux-muls'", "aarch64-linux-musl").doesNotContain("Exception");
  }

  @Test
  void unknownSchemeExitsTwo() {
    CliRunner r = CliRunner.run("targets", "convert", "arm64", "--to", "klingon");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown scheme 'klingon'");
  }

  @Test
  void schemeWithoutANameForTheTargetExitsTwo() {
    CliRunner r = CliRunner.run("targets", "convert", "aarch64-macos", "--to", "debian");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("has no debian name");
  }

  @Test
  void badOptionIsUsageError() {
    CliRunner r = CliRunner.run("targets", "--frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option").contains("--help");
  }

  @Test
  void versionAndHelp() {
    assertThat(CliRunner.run("--version").out()).startsWith("crosskit ");
    CliRunner help = CliRunner.run("targets", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Examples:");
  }
}
