package dev.crosskit.cli;

import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during an interactive debugging session belongs to gdb (it stops the program and
 * returns to gdb's prompt). The terminal sends SIGINT to crosskit as well; without this, the
 * JVM would shut down and {@link StopOnSignal} would end the session. SIGTERM and SIGHUP still
 * stop crosskit, and with it gdb and the emulator.
 */
final class Interrupts {
  private Interrupts() {}

  static <T> T ignoredDuring(Supplier<T> work) {
    Signal sigint = new Signal("INT");
    SignalHandler previous = Signal.handle(sigint, s -> { });
    try {
      return work.get();
    } finally {
      Signal.handle(sigint, previous);
    }
  }
}
