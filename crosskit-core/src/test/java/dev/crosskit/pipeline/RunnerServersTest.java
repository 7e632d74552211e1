package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.SharedServer;
import dev.crosskit.exec.ProcessRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run's shared servers: one per key, however many targets prepare it, all stopped at the end. */
class RunnerServersTest {
  private final List<String> events = new ArrayList<>();

  private Runner runner(String key) {
    SharedServer server = new SharedServer() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public Running start(ProcessRunner processes) {
        events.add("start " + key);
        return () -> events.add("stop " + key);
      }
    };
    return new Runner() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public boolean emulated() {
        return true;
      }

      @Override
      public List<String> prefix() {
        return List.of();
      }

      @Override
      public Map<String, String> env() {
        return Map.of();
      }

      @Override
      public void prepare(ProcessRunner processes) {
        events.add("prepare " + key);
      }

      @Override
      public Optional<SharedServer> server() {
        return Optional.of(server);
      }
    };
  }

  @Test
  void startsEachServerOnceAndStopsThemAllAtTheEnd() {
    RunnerServers servers = new RunnerServers(new ProcessRunner());
    servers.prepare(runner("a"));
    servers.prepare(runner("a"));
    servers.prepare(runner("b"));
    assertThat(events).containsExactly("prepare a", "start a", "prepare a", "prepare b", "start b");
    servers.close();
    servers.close();
    assertThat(events).endsWith("stop a", "stop b").filteredOn(e -> e.startsWith("stop")).hasSize(2);
  }

  @Test
  void startsNothingOnceTheRunEndedOrCrosskitIsStopping() {
    RunnerServers ended = new RunnerServers(new ProcessRunner());
    ended.close();
    ended.prepare(runner("a"));
    ProcessRunner stopping = new ProcessRunner();
    stopping.stopAll();
    new RunnerServers(stopping).prepare(runner("b"));
    assertThat(events).containsExactly("prepare a", "prepare b");
  }
}
