package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rust no_std on a bare-metal board: Debian's rustc-web with core and alloc built by
 * -Zbuild-std from rust-web-src (its vendored crates, offline), linked with the Cargo
 * configuration crosskit writes, run with Cargo's runner and crosskit run. One target: building
 * core takes a minute or two.
 */
@Tag("integration")
class BareMetalRustIntegrationTest {
  private static final String TARGET = "thumbv7em-none-eabihf";

  @Test
  void aNoStdProgramWithAllocLinksAgainstPicolibcAndRunsOnTheBoard(@TempDir Path dir) throws Exception {
    Path project = Files.createDirectories(dir.resolve("nostd-demo/src"));
    for (String f : List.of("Cargo.toml", "src/main.rs")) {
      try (InputStream in = getClass().getResourceAsStream("/baremetal/rust-nostd/" + f)) {
        Files.copy(in, project.getParent().resolve(f));
      }
    }
    Path crate = project.getParent();
    Files.createDirectories(crate.resolve(".cargo"));
    CliRunner tf = CliRunner.run("toolchain-file", TARGET, "--format", "cargo", "-o",
        crate.resolve(".cargo/config.toml").toString());
    assertThat(tf.exitCode()).as(tf.err()).isZero();

    Path vendor = Path.of("/usr/lib/rustlib/src/rust/library/vendor");
    assertThat(vendor).as("apt-get install rust-web-src (bin/test-packages.txt)").isDirectory();
    Map<String, String> env = Map.of("RUSTC_BOOTSTRAP", "1", "RUSTC", "/usr/bin/rustc", "RUSTDOC", "/usr/bin/rustdoc",
        "CARGO_HOME", dir.resolve("cargo-home").toString());
    Command run = new Command(List.of("/usr/bin/cargo", "run", "--release", "--offline", "-Zbuild-std=core,alloc",
        "--target", TARGET, "--config", "source.crates-io.replace-with=\"rust-std-vendor\"",
        "--config", "source.rust-std-vendor.directory=\"" + vendor + "\""), env, crate, Duration.ofMinutes(20));
    Result cargo = new ProcessRunner().capture(run);
    assertThat(cargo.exitCode()).as(cargo.tail(40)).isZero();
    assertThat(cargo.output()).contains("hello from rust no_std", "sum of squares ok"); // through Cargo's runner

    Path elf = crate.resolve("target").resolve(TARGET).resolve("release/nostd-demo");
    CliRunner r = CliRunner.run("run", "--target", TARGET, "--timeout", "60", "--", elf.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("hello from rust no_std");
    CliRunner inspect = CliRunner.run("inspect", "--expect", TARGET, elf.toString());
    assertThat(inspect.exitCode()).as(inspect.out()).isZero();
    assertThat(inspect.out()).contains("PASS vector-table", "PASS cpu-arch: v7E-M");
  }
}
