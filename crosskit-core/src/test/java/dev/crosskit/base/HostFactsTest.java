package dev.crosskit.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run facts a report records about the host: CPU time, the distribution, crosskit's version. */
class HostFactsTest {
  @Test
  void cpuTimeAddsOwnAndWaitedForChildrensUserAndSystemTicks() {
    // a command name with spaces and parentheses must not shift the fields
    String stat = "4242 (java (x) 1) S 1 4242 4242 0 -1 4194304 100 0 0 0 150 50 700 100 20 0 30 0 12345 0 0";
    assertThat(CpuTime.parse(stat)).isEqualTo(10.0); // (150 + 50 + 700 + 100) ticks at 100 per second
    assertThat(CpuTime.seconds()).isPresent();
    assertThat(CpuTime.seconds().getAsDouble()).isGreaterThan(0.0); // this JVM has run
  }

  @Test
  void theDistributionIsOsReleasesPrettyName(@TempDir Path dir) throws Exception {
    Path quoted = Files.writeString(dir.resolve("a"),
        "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
    Path bare = Files.writeString(dir.resolve("b"), "PRETTY_NAME=Alpine\n");
    assertThat(HostSummary.prettyName(quoted)).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(HostSummary.prettyName(bare)).isEqualTo("Alpine");
    assertThat(HostSummary.prettyName(dir.resolve("missing"))).isNull();
    assertThat(HostSummary.describe()).contains(System.getProperty("os.arch")).containsPattern("\\d+ cores?$")
        .doesNotContain("null");
  }

  @Test
  void withoutTheCliOnTheClassPathTheVersionIsUnknown() {
    assertThat(CrosskitVersion.get()).isEqualTo("unknown");
  }
}
