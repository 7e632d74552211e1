package dev.crosskit.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
  private final ProcessRunner runner = new ProcessRunner();

  @Test
  void passesExitCodesAndSeparatesStreams() {
    Result r = runner.capture(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.timedOut()).isFalse();
    assertThat(r.output()).isEqualTo("out\n");
    assertThat(r.error()).isEqualTo("err\n");
  }

  @Test
  void timeoutKillsTheWholeTreeIncludingGrandchildren() throws Exception {
    // sh starts a sleeping child, prints its pid and waits: both must die at the timeout.
    Command c = Command.of("sh", "-c", "sleep 300 & echo $!; wait").withTimeout(Duration.ofSeconds(1));
    long start = System.nanoTime();
    Result r = runner.capture(c);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(r.timedOut()).isTrue();
    assertThat(r.exitCode()).isEqualTo(-1);
    long child = Long.parseLong(r.output().trim());
    assertThat(ProcessRunnerTest.gone(child))
        .as("the sleeping grandchild %d was killed", child).isTrue();
  }

  /** True once the process has disappeared (a killed orphan lingers until its new parent reaps it). */
  static boolean gone(long pid) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void aBackgroundProcessCopiesItsOutputEndsAtItsTimeoutAndDiesOnClose() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    try (ProcessRunner.Background b = runner.start(Command.of("sh", "-c", "echo started; read x; echo got:$x; exit 4"),
        out, err)) {
      assertThat(b.waitFor(Duration.ofSeconds(20))).contains(4); // stdin is closed: read sees end-of-file
      assertThat(out.toString()).isEqualTo("started\ngot:\n");
      assertThat(b.timedOut()).isFalse();
    }
    long start = System.nanoTime();
    ProcessRunner.Background slow = runner.start(Command.of("sh", "-c", "sleep 300 & wait")
        .withTimeout(Duration.ofSeconds(1)), out, err);
    long child;
    try (slow) {
      assertThat(slow.waitFor(Duration.ofSeconds(20))).isPresent();
      assertThat(slow.timedOut()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
    ProcessRunner.Background killed = runner.start(Command.of("sh", "-c", "sleep 300 & echo $!; wait"), out, err);
    out.reset();
    for (int i = 0; i < 100 && out.size() == 0; i++) {
      Thread.sleep(50);
    }
    child = Long.parseLong(out.toString().strip());
    killed.close();
    assertThat(killed.alive()).isFalse();
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("grandchild killed").isFalse();
  }

  @Test
  void missingProgramGivesExit127AndSaysWhy() {
    Result r = runner.capture(Command.of("/nonexistent/crosskit-no-such-program", "x"));
    assertThat(r.exitCode()).isEqualTo(127);
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).contains("cannot start /nonexistent/crosskit-no-such-program");
  }

  @Test
  void captureGivesTheProcessAnEmptyStdinInsteadOfHanging() {
    Result r = runner.capture(Command.of("cat").withTimeout(Duration.ofSeconds(10)));
    assertThat(r.timedOut()).isFalse();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void interactiveForwardsStdinAndClosesItAtTheEnd() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Result r = runner.interactive(Command.of("tr", "a-z", "A-Z").withTimeout(Duration.ofSeconds(10)),
        new ByteArrayInputStream("hello stdin\n".getBytes(StandardCharsets.UTF_8)), out, err);
    assertThat(r.exitCode()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("HELLO STDIN\n");
  }

  @Test
  void displayQuotesWordsAShellWouldSplit() {
    assertThat(Command.of(List.of("echo", "a b", "it's")).display()).isEqualTo("echo 'a b' 'it'\\''s'");
  }
}
