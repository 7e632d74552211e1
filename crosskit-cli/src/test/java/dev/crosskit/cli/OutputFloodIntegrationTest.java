package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test step that prints a gigabyte, as many lines or as one line, run by crosskit in a JVM of
 * 256 MB heap: the run completes, the tests are still read from the log, and a step that floods
 * its output and then hangs is killed at its timeout.
 */
@Tag("integration")
class OutputFloodIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long GB = 1_000_000_000L;
  @TempDir Path project;

  @BeforeEach
  void writeProject() throws IOException {
    Files.writeString(project.resolve("hello.c"), "int main(void) { return 0; }\n");
  }

  record Run(int exit, String err, JsonNode test, JsonNode tests, double seconds) {}

  /** {@code crosskit test} with this test command, in a JVM with -Xmx256m. */
  private Run crosskitTest(String testCommand, String timeout) throws Exception {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "flood"
        build = "command"
        targets = ["x86_64-linux-gnu"]
        [build]
        command = ["sh", "-c", "${CC:-cc} -o hello hello.c"]
        [test]
        canary = false
        timeout = "%s"
        command = ["sh", "-c", "%s"]
        """.formatted(timeout, testCommand));
    Path err = project.resolve("stderr.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "dev.crosskit.cli.Main", "test", "-C", project.toString(), "-q")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    long start = System.nanoTime();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("crosskit did not finish");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode target = JSON.readTree(project.resolve("target/crosskit/report.json").toFile()).path("targets").get(0);
    JsonNode test = null;
    for (JsonNode s : target.path("steps")) {
      test = s.path("step").asText().equals("test") ? s : test;
    }
    Files.deleteIfExists(project.resolve("target/crosskit/x86_64-linux-gnu/logs/test.log")); // a gigabyte
    return new Run(p.exitValue(), Files.readString(err), test, target.path("tests"), seconds);
  }

  @Test
  void aGigabyteOfLinesThenAHangIsReadWithinTheHeapAndKilledAtTheTimeout() throws Exception {
    Run r = crosskitTest("yes 'PASS: flood' | head -n " + GB / 12 + "; echo 'FAIL: last'; sleep 600", "60s");
    assertThat(r.err()).doesNotContain("OutOfMemoryError", "crosskit bug");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.test().path("summary").asText()).startsWith("timed out after 1m (process tree killed); 1 passed, 1 failed");
    assertThat(r.tests().findValuesAsText("name")).containsExactly("flood", "last");
    assertThat(r.test().path("seconds").asDouble()).as("the step ends at its timeout").isBetween(59.0, 90.0);
    assertThat(r.test().path("tail").asText().length()).isLessThan(20_000);
  }

  @Test
  void oneGigabyteLineIsReadWithinTheHeap() throws Exception {
    Run r = crosskitTest("head -c " + GB + " /dev/zero | tr -c x x; echo; echo 'PASS: after'", "5m");
    assertThat(r.err()).doesNotContain("OutOfMemoryError", "crosskit bug");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.tests().findValuesAsText("name")).isEqualTo(List.of("after"));
  }
}
