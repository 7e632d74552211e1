package dev.crosskit.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  private final ProcessRunner runner = new ProcessRunner();
  @TempDir Path dir;

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
  void timeoutAlsoKillsWhatLeftTheTree() throws Exception {
    // the subshell exits at once: its sleep is re-parented to init, no longer a descendant
    Command c = Command.of("sh", "-c", "(sleep 300 & echo $! > orphan) ; sleep 300")
        .withCwd(dir).withTimeout(Duration.ofSeconds(1));
    Result r = runner.capture(c);
    assertThat(r.timedOut()).isTrue();
    long orphan = Long.parseLong(Files.readString(dir.resolve("orphan")).trim());
    assertThat(gone(orphan)).as("the orphaned sleep %d was killed", orphan).isTrue();
  }

  @Test
  void whatACommandLeavesRunningIsKilledAndNamed() throws Exception {
    Path log = dir.resolve("step.log");
    Result r = runner.toLog(Command.of("sh", "-c", "sleep 300 & echo $! > daemon; sleep 0.5; echo done").withCwd(dir)
        .withTimeout(Duration.ofSeconds(60)), log);
    assertThat(r.ok()).isTrue();
    long daemon = Long.parseLong(Files.readString(dir.resolve("daemon")).trim());
    assertThat(gone(daemon)).as("the background sleep %d was killed", daemon).isTrue();
    assertThat(r.leftovers()).singleElement().asString().isEqualTo("sleep (pid " + daemon + ")");
    assertThat(log).content().contains("crosskit: killed what it left running: sleep (pid " + daemon + ")");
  }

  @Test
  void aProcessTheRunnerMayLeaveIsSpared() throws Exception {
    ProcessRunner lenient = new ProcessRunner();
    lenient.allowLingering(p -> p.argv().contains("310"));
    // the pause lets the background job exec sleep before the command ends: until then it is a shell
    Result r = lenient.capture(Command.of("sh", "-c", "sleep 310 >/dev/null 2>&1 & echo $!; sleep 0.5")
        .withTimeout(Duration.ofSeconds(60)));
    long helper = Long.parseLong(r.output().trim());
    try {
      assertThat(r.leftovers()).isEmpty();
      assertThat(ProcessHandle.of(helper).map(ProcessHandle::isAlive)).contains(true);
    } finally {
      ProcessHandle.of(helper).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aCommandMeantToLeaveAProgramRunningLeavesIt() throws Exception {
    Result r = runner.attachedLeavingRunning(Command.of("sh", "-c", "sleep 311 >/dev/null 2>&1 & echo $! > opened")
        .withCwd(dir).withTimeout(Duration.ofSeconds(60)));
    long opened = Long.parseLong(Files.readString(dir.resolve("opened")).trim());
    try {
      assertThat(r.ok()).isTrue();
      assertThat(r.leftovers()).isEmpty();
      assertThat(ProcessHandle.of(opened).map(ProcessHandle::isAlive)).contains(true);
      // the same runner's other commands still have what they leave running killed
      Result other = runner.attached(Command.of("sh", "-c", "sleep 312 >/dev/null 2>&1 & sleep 0.5")
          .withTimeout(Duration.ofSeconds(60)));
      assertThat(other.leftovers()).singleElement().asString().startsWith("sleep (pid ");
    } finally {
      ProcessHandle.of(opened).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void stopAllKillsEveryRunningTreeAndRefusesNewCommands() throws Exception {
    ProcessRunner stoppable = new ProcessRunner();
    Path pid = dir.resolve("pid");
    Thread waiting = Thread.ofPlatform().start(() -> stoppable.capture(Command.of("sh", "-c",
        "(sleep 300 & echo $! > " + pid + ") ; sleep 300").withTimeout(Duration.ofMinutes(5))));
    for (int i = 0; i < 100 && !Files.exists(pid); i++) {
      Thread.sleep(50);
    }
    Thread.sleep(200); // the file is there: its content follows at once
    long orphan = Long.parseLong(Files.readString(pid).trim());
    stoppable.stopAll();
    waiting.join(10_000);
    assertThat(waiting.isAlive()).isFalse();
    assertThat(gone(orphan)).isTrue();
    Result refused = stoppable.capture(Command.of("true"));
    assertThat(refused.ok()).isFalse();
    assertThat(Thread.interrupted()).as("the caller is told it was interrupted").isTrue();
  }

  @Test
  void stopAllEndsOnlyItsOwnRunnersCommands() throws Exception {
    ProcessRunner other = new ProcessRunner();
    Result r = other.capture(Command.of("sh", "-c", "sleep 305 >/dev/null 2>&1 & echo $!").withTimeout(Duration.ofSeconds(60)));
    long leftover = Long.parseLong(r.output().trim()); // killed by its own runner when the command ended
    assertThat(gone(leftover)).isTrue();
    Path pid = dir.resolve("other.pid");
    Thread running = Thread.ofPlatform().start(() -> other.capture(Command.of("sh", "-c", "echo $$ > " + pid
        + "; sleep 305").withTimeout(Duration.ofSeconds(30))));
    for (int i = 0; i < 100 && (!Files.exists(pid) || Files.readString(pid).isBlank()); i++) {
      Thread.sleep(50);
    }
    long shell = Long.parseLong(Files.readString(pid).trim());
    new ProcessRunner().stopAll();
    assertThat(ProcessHandle.of(shell).map(ProcessHandle::isAlive)).contains(true);
    running.interrupt();
    running.join(10_000);
    assertThat(gone(shell)).isTrue();
  }

  @Test
  void aBackgroundProcessCopiesItsOutputEndsAtItsTimeoutAndDiesOnClose() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    try (Background b = runner.start(Command.of("sh", "-c", "echo started; read x; echo got:$x; exit 4"),
        out, err)) {
      assertThat(b.waitFor(Duration.ofSeconds(20))).contains(4); // stdin is closed: read sees end-of-file
      assertThat(out.toString()).isEqualTo("started\ngot:\n");
      assertThat(b.timedOut()).isFalse();
    }
    long start = System.nanoTime();
    Background slow = runner.start(Command.of("sh", "-c", "sleep 300 & wait")
        .withTimeout(Duration.ofSeconds(1)), out, err);
    long child;
    try (slow) {
      assertThat(slow.waitFor(Duration.ofSeconds(20))).isPresent();
      assertThat(slow.timedOut()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
    out.reset();
    Background killed = runner.start(Command.of("sh", "-c", "sleep 300 & echo $!; wait"), out, err);
    for (int i = 0; i < 100 && out.size() == 0; i++) {
      Thread.sleep(50);
    }
    child = Long.parseLong(out.toString().strip());
    killed.close();
    // killed: ended at once (a killed orphan is gone once init reaps it)
    assertThat(killed.waitFor(Duration.ofSeconds(10))).isPresent();
    assertThat(killed.alive()).isFalse();
    assertThat(gone(child)).as("grandchild killed").isTrue();
  }

  @Test
  void aBackgroundProcessIsMarkedStopAllEndsItAndCloseKillsWhatLeftItsTree() throws Exception {
    ProcessRunner stoppable = new ProcessRunner();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // the subshell exits at once: its sleep is re-parented to init, no longer a descendant
    Background orphaning = stoppable.start(Command.of("sh", "-c", "(sleep 300 & echo $!) ; sleep 300"), out,
        new ByteArrayOutputStream());
    for (int i = 0; i < 100 && out.size() == 0; i++) {
      Thread.sleep(50);
    }
    long orphan = Long.parseLong(out.toString().strip());
    orphaning.close();
    assertThat(gone(orphan)).as("the orphaned sleep %d was killed", orphan).isTrue();

    out.reset();
    Background running = stoppable.start(Command.of("sh", "-c", "sleep 300 & echo $!; wait"), out,
        new ByteArrayOutputStream());
    for (int i = 0; i < 100 && out.size() == 0; i++) {
      Thread.sleep(50);
    }
    long child = Long.parseLong(out.toString().strip());
    stoppable.stopAll();
    assertThat(running.waitFor(Duration.ofSeconds(10))).as("stopAll ended it").isPresent();
    assertThat(gone(child)).as("its sleep %d was killed", child).isTrue();
    running.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stoppable.start(Command.of("true"), out, out))
        .hasMessageContaining("crosskit is stopping");
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
