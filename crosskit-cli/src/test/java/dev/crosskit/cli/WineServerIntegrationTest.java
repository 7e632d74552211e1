package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows tests under the real Wine share one wineserver that crosskit starts for the run and
 * stops at its end: every ctest case passes, and no Wine process crosskit started (they all carry
 * its process mark) is alive once the command returned.
 */
@Tag("integration")
class WineServerIntegrationTest {
  private static final String MARK = "CROSSKIT_PROC_" + ProcessHandle.current().pid() + "=";

  @Test
  void windowsTestsLeaveNoWineServerBehind(@TempDir Path out) throws IOException {
    CliRunner r = CliRunner.run("test", "-C", MatrixIntegrationTest.example("c-cmake").toString(), "--out",
        out.toString(), "--jobs", "2", "--rebuild", "--target", "x86_64-windows-gnu");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode t = MatrixIntegrationTest.target(new ObjectMapper().readTree(out.resolve("report.json").toFile()),
        "x86_64-windows-gnu");
    assertThat(MatrixIntegrationTest.status(t, "test")).isEqualTo("PASSED");
    assertThat(MatrixIntegrationTest.tests(t, "passed")).isEqualTo(6);
    assertThat(wineProcessesCrosskitStarted()).isEmpty();
  }

  /** Live wineserver / Wine processes whose environment carries this JVM's crosskit mark. */
  private static List<String> wineProcessesCrosskitStarted() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path dir : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String environ = new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8);
          String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
          String stat = Files.readString(dir.resolve("stat"));
          boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
          boolean wine = cmdline.contains("wine") || cmdline.toLowerCase().startsWith("c:\\windows\\");
          if (wine && !zombie && environ.contains(MARK)) {
            found.add(dir.getFileName() + " " + cmdline.replace('\0', ' '));
          }
        } catch (IOException | RuntimeException gone) {
          // exited meanwhile, or another user's
        }
      }
    }
    return found;
  }
}
