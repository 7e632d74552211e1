package dev.crosskit.emulate;

import dev.crosskit.exec.ProcessRunner;

/**
 * A server a runner's programs share (Wine's), started for a whole run and stopped at its end.
 * Two runners with the same {@link #key} share one server.
 */
public interface SharedServer {
  /** What tells servers apart: runners whose servers have the same key use one. */
  String key();

  /** Starts the server (or joins one already running); closing the handle stops it again. */
  Running start(ProcessRunner processes);

  /** A started server; {@link #close} stops it, and is safe to call more than once. */
  interface Running extends AutoCloseable {
    @Override
    void close();
  }
}
