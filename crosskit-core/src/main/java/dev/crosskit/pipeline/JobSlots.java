package dev.crosskit.pipeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Bounds the processes running at once across all targets: a build step of one target takes
 * as many slots as it runs compile jobs, an emulated test takes one. The slots are numbered
 * (1 to {@link #total}) so the report's timeline can show which process held which.
 */
final class JobSlots {
  private final Semaphore slots;
  private final int total;
  /** The numbers handed out now; the semaphore guarantees enough are free for each holder. */
  private final BitSet taken = new BitSet();

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
    List<Integer> numbers = new ArrayList<>(k);
    synchronized (taken) {
      for (int i = taken.nextClearBit(0); numbers.size() < k; i = taken.nextClearBit(i + 1)) {
        taken.set(i);
        numbers.add(i + 1);
      }
    }
    List<Integer> held = List.copyOf(numbers);
    return new Held() {
      @Override
      public List<Integer> numbers() {
        return held;
      }

      @Override
      public void close() {
        synchronized (taken) {
          held.forEach(s -> taken.clear(s - 1));
        }
        slots.release(k);
      }
    };
  }

  interface Held extends AutoCloseable {
    /** The slots held, numbered from 1. */
    List<Integer> numbers();

    @Override
    void close();
  }
}
