package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.HostTools;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crosskit sdk} over a cache of its own: what it prints, and one-line errors with their exit codes. */
class SdkCommandTest {
  @TempDir Path dir;

  private Host host(Map<String, String> env) {
    return new Host(dir.resolve("cache"), dir.resolve("user"), new ProcessRunner(), new HostTools(List.of()),
        new Binfmt(dir.resolve("no-binfmt")), line -> { }, env);
  }

  @Test
  void addsListsAndRemovesAnSdk() throws IOException {
    Host host = host(Map.of());
    Path sdk = StandInSdk.write(dir);
    CliRunner add = CliRunner.run(host, "sdk", "add", sdk.toString());
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).startsWith("added macOS SDK 14.0 (x86_64, arm64) in ")
        .contains(dir.resolve("cache/sdks/MacOSX14.0.sdk").toString());
    CliRunner list = CliRunner.run(host, "sdk", "list");
    assertThat(list.out()).contains("VERSION", "14.0", "x86_64,arm64", "yes", sdk.toString());
    CliRunner remove = CliRunner.run(host, "sdk", "remove", "14.0");
    assertThat(remove.exitCode()).isZero();
    assertThat(remove.out()).startsWith("removed macOS SDK 14.0");
    assertThat(CliRunner.run(host, "sdk", "list").out()).startsWith("No macOS SDKs in the cache.");
  }

  @Test
  void anSdkFromSdkrootIsNamedWhenNoneIsAdded() throws IOException {
    Path sdk = StandInSdk.write(dir);
    CliRunner list = CliRunner.run(host(Map.of("SDKROOT", sdk.toString())), "sdk", "list");
    assertThat(list.out()).contains("Builds use SDK 14.0 from SDKROOT: " + sdk);
  }

  @Test
  void badInputIsOneLineWithExitCode2AndAMissingSdkToRemoveIs1() throws IOException {
    Host host = host(Map.of());
    CliRunner missing = CliRunner.run(host, "sdk", "add", dir.resolve("nope.tar.xz").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("crosskit: no such file or directory: " + dir.resolve("nope.tar.xz") + "\n");

    Path evil = dir.resolve("evil.tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(evil))) {
      byte[] data = "{\"Version\": \"14.0\"}".getBytes();
      for (String name : List.of("MacOSX14.0.sdk/SDKSettings.json", "../escaped")) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    CliRunner unsafe = CliRunner.run(host, "sdk", "add", evil.toString());
    assertThat(unsafe.exitCode()).isEqualTo(2);
    assertThat(unsafe.err()).isEqualTo("crosskit: " + evil + " is not a safe SDK archive, nothing was added: refused"
        + " evil.tar: entry '../escaped' climbs out with '..'\n");
    assertThat(dir.resolve("escaped")).doesNotExist();

    CliRunner notSdk = CliRunner.run(host, "sdk", "add", dir.toString());
    assertThat(notSdk.exitCode()).isEqualTo(2);
    assertThat(notSdk.err()).contains("is not a macOS SDK: it has no SDKSettings.json").hasLineCount(1);

    CliRunner remove = CliRunner.run(host, "sdk", "remove", "9.9");
    assertThat(remove.exitCode()).isEqualTo(1);
    assertThat(remove.err()).isEqualTo("crosskit: no macOS SDK 9.9 in the cache (it has none)\n");
  }
}
