package dev.crosskit.sysroot;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Says, while a long step runs, that it still runs and for how long ("libstdc++ for
 * aarch64-linux-musl: make, 2m30s so far"), so minutes of silence never look like a hang.
 */
final class Heartbeat implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(30);

  private final Thread ticker;

  Heartbeat(String what, Consumer<String> progress) {
    this(what, progress, EVERY);
  }

  Heartbeat(String what, Consumer<String> progress, Duration every) {
    long start = System.nanoTime();
    ticker = Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          Thread.sleep(every);
          progress.accept(what + ", " + elapsed(start) + " so far");
        }
      } catch (InterruptedException done) {
        // the step is over
      }
    });
  }

  /** {@code 45s} or {@code 2m05s}. */
  static String elapsed(long startNanos) {
    long s = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    return s < 60 ? s + "s" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  @Override
  public void close() {
    ticker.interrupt();
    try {
      ticker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
