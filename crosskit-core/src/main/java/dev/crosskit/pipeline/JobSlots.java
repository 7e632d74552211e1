package dev.crosskit.pipeline;

import java.util.concurrent.Semaphore;

/**
 * Bounds the processes running at once across all targets: a build step of one target takes
 * as many slots as it runs compile jobs, an emulated test takes one.
 */
final class JobSlots {
  private final Semaphore slots;
  private final int total;

  JobSlots(int total) {
    this.total = Math.max(1, total);
    this.slots = new Semaphore(this.total, true);
  }

  int total() {
    return total;
  }

  /** Takes {@code n} slots (at most all of them) and returns a handle that gives them back. */
  Held acquire(int n) throws InterruptedException {
    int k = Math.min(Math.max(1, n), total);
    slots.acquire(k);
    return () -> slots.release(k);
  }

  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
