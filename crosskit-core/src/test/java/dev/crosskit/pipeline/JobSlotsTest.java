package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * crosskit's jobserver with the real GNU make as its client: make's extra jobs take tokens from
 * the pool and no more, tokens come back after a failed build, and tokens lost with a killed
 * build are recounted, so nothing waits forever.
 */
class JobSlotsTest {
  private final ProcessRunner processes = new ProcessRunner();
  @TempDir Path dir;

  /**
   * A Makefile whose jobs {@code a} and {@code b} each wait (at most {@code seconds}) for the
   * other to have started: both pass only when make runs them at once.
   */
  private Path meetingMakefile(int seconds) throws IOException {
    String wait = "\ttouch $@.started; i=0; while [ ! -e $(OTHER).started ]; do i=$$((i+1)); "
        + "[ $$i -gt " + seconds * 10 + " ] && exit 1; sleep 0.1; done\n";
    Path mk = dir.resolve("Makefile");
    Files.writeString(mk, "all: a b\n.PHONY: all a b c hang hang2\na: OTHER=b\na:\n" + wait + "b: OTHER=a\nb:\n" + wait
        + "c:\n\tfalse\nhang hang2:\n\tsleep 600\n");
    return mk;
  }

  private Result make(JobSlots slots, List<String> args, Duration timeout) throws InterruptedException {
    List<String> argv = new ArrayList<>(List.of("make", "-s", "-C", dir.toString()));
    argv.addAll(args);
    try (JobSlots.Held first = slots.acquire(1)) {
      return slots.asClient(Command.of(argv).withTimeout(timeout), processes::capture);
    }
  }

  /** Whether all the pool's tokens can be taken at once within a few seconds (none lost, none kept). */
  private static boolean allTokensBack(JobSlots slots) throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      Future<?> all = one.submit(() -> {
        slots.acquire(slots.total()).close();
        return null;
      });
      all.get(10, TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void makeRunsAJobForEveryFreeTokenAndGivesThemBack() throws Exception {
    meetingMakefile(20);
    try (JobSlots slots = JobSlots.jobserver(2, processes)) {
      assertThat(slots.jobserver()).isTrue();
      Result r = make(slots, List.of("a", "b"), Duration.ofMinutes(1));
      assertThat(r.exitCode()).as(r.output() + r.error()).isZero();
      assertThat(allTokensBack(slots)).isTrue();
    }
  }

  @Test
  void cmakesMakefilesPassThePoolOnToMake() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("meet.sh"), "touch \"$1.started\"; i=0\n"
        + "while [ ! -e \"$2.started\" ]; do i=$((i+1)); [ $i -gt 200 ] && exit 1; sleep 0.1; done\n");
    Files.writeString(src.resolve("CMakeLists.txt"), """
        cmake_minimum_required(VERSION 3.13)
        project(meet NONE)
        add_custom_target(a ALL COMMAND sh ${CMAKE_SOURCE_DIR}/meet.sh a b)
        add_custom_target(b ALL COMMAND sh ${CMAKE_SOURCE_DIR}/meet.sh b a)
        """);
    Path build = dir.resolve("build");
    assertThat(processes.capture(Command.of("cmake", "-S", src.toString(), "-B", build.toString(), "-G",
        "Unix Makefiles")).ok()).isTrue();
    try (JobSlots slots = JobSlots.jobserver(2, processes)) {
      Result r;
      try (JobSlots.Held first = slots.acquire(1)) {
        // a and b each wait for the other: the build passes only when make runs both at once
        r = slots.asClient(Command.of("cmake", "--build", build.toString()), processes::capture);
      }
      assertThat(r.exitCode()).as(r.output() + r.error()).isZero();
      assertThat(allTokensBack(slots)).isTrue();
    }
  }

  /**
   * With one token, b cannot start while a holds it, so a gives up waiting for b; with three, c
   * fails. Either way the build fails, and gives every token back.
   */
  @ParameterizedTest
  @CsvSource({"1, a b", "3, a b c"})
  void aBuildLimitedByThePoolOrFailingGivesItsTokensBack(int tokens, String goals) throws Exception {
    meetingMakefile(2);
    try (JobSlots slots = JobSlots.jobserver(tokens, processes)) {
      Result r = make(slots, List.of(goals.split(" ")), Duration.ofMinutes(1));
      assertThat(r.exitCode()).isNotZero();
      assertThat(allTokensBack(slots)).isTrue();
    }
  }

  @Test
  void tokensLostWithAKilledBuildAreRecountedOnceNoBuildRuns() throws Exception {
    meetingMakefile(20);
    try (JobSlots slots = JobSlots.jobserver(2, processes)) {
      // two jobs that never end: make holds the pool's second token when the timeout kills it
      Result r = make(slots, List.of("-k", "hang", "hang2"), Duration.ofSeconds(2));
      assertThat(r.timedOut()).isTrue();
      assertThat(allTokensBack(slots)).isTrue();
      Result again = make(slots, List.of("a", "b"), Duration.ofMinutes(1));
      assertThat(again.exitCode()).as(again.output() + again.error()).isZero();
    }
  }

  @Test
  void anExplicitJobCountOrTheUsersMakeflagsOverrideThePool() throws Exception {
    meetingMakefile(20);
    try (JobSlots slots = JobSlots.jobserver(1, processes)) {
      // make -j2 keeps a jobserver of its own, as under a parent make
      assertThat(make(slots, List.of("-j2", "a", "b"), Duration.ofMinutes(1)).exitCode()).isZero();
      try (JobSlots.Held first = slots.acquire(1)) {
        Command own = Command.of("make", "-s", "-C", dir.toString(), "a", "b").withEnv("MAKEFLAGS", "-j2");
        assertThat(slots.asClient(own, processes::capture).exitCode()).isZero();
      }
      assertThat(allTokensBack(slots)).isTrue();
    }
  }

  @Test
  void aWaiterInterruptedLeavesThePoolWhole() throws Exception {
    try (JobSlots slots = JobSlots.jobserver(2, processes)) {
      JobSlots.Held both = slots.acquire(2);
      Thread waiter = Thread.ofPlatform().start(() -> assertThatThrownBy(() -> slots.acquire(1))
          .isInstanceOf(InterruptedException.class));
      Thread.sleep(200);
      waiter.interrupt();
      waiter.join(5_000);
      both.close();
      both.close(); // once only
      assertThat(allTokensBack(slots)).isTrue();
    }
  }

  @Test
  void withoutAPipeThePoolIsASemaphoreAndCommandsRunAsGiven() throws Exception {
    JobSlots slots = JobSlots.plain(2);
    assertThat(slots.jobserver()).isFalse();
    Command cmd = Command.of("true");
    assertThat(slots.asClient(cmd, c -> {
      assertThat(c).isEqualTo(cmd);
      return processes.capture(c);
    }).ok()).isTrue();
    assertThat(allTokensBack(slots)).isTrue();
  }
}
