package dev.crosskit.pipeline;

import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.SharedServer;
import dev.crosskit.exec.ProcessRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runners' shared servers of one matrix run ({@link SharedServer}: Wine's), each started
 * the first time a target's programs need it and all stopped when the run ends, whether it
 * passed, failed or was interrupted, so none is left running after crosskit.
 */
final class RunnerServers implements AutoCloseable {
  private final ProcessRunner processes;
  private final Map<String, SharedServer.Running> started = new LinkedHashMap<>();
  private boolean closed;

  RunnerServers(ProcessRunner processes) {
    this.processes = processes;
  }

  /** Gets {@code runner} ready ({@link Runner#prepare}) and starts its server unless it runs already. */
  void prepare(Runner runner) {
    runner.prepare(processes);
    runner.server().ifPresent(s -> {
      synchronized (started) {
        if (!closed && !processes.stopping()) {
          started.computeIfAbsent(s.key(), k -> s.start(processes));
        }
      }
    });
  }

  @Override
  public void close() {
    List<SharedServer.Running> all;
    synchronized (started) {
      closed = true;
      all = new ArrayList<>(started.values());
      started.clear();
    }
    all.forEach(SharedServer.Running::close);
  }
}
