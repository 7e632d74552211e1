package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InOrderPoolTest {
  /** Uneven work: later items often finish first, yet the sink sees the input order. */
  @Test
  void resultsArriveInInputOrderWhateverFinishesFirst() {
    List<Integer> items = IntStream.range(0, 1000).boxed().toList();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<String> seen = new ArrayList<>();
    InOrderPool.forEach(items, 3, i -> {
      threads.add(Thread.currentThread().getName());
      LockSupport.parkNanos((i * 7919L % 13) * 20_000L);
      return "r" + i;
    }, r -> {
      assertThat(Thread.currentThread().getName()).doesNotStartWith("crosskit-inspect-");
      seen.add(r);
    });
    assertThat(seen).containsExactlyElementsOf(items.stream().map(i -> "r" + i).toList());
    assertThat(threads).as("work spread over the pool's threads").hasSizeGreaterThan(1)
        .allSatisfy(name -> assertThat(name).startsWith("crosskit-inspect-"));
  }

  /** More items than the window of waiting results: the pool neither deadlocks nor drops any. */
  @Test
  void aSlowConsumerBoundsTheResultsWaiting() {
    int n = InOrderPool.WINDOW * 3;
    List<Integer> seen = new ArrayList<>();
    InOrderPool.forEach(IntStream.range(0, n).boxed().toList(), 2, i -> i, i -> {
      if (i % 100 == 0) {
        LockSupport.parkNanos(2_000_000L);
      }
      seen.add(i);
    });
    assertThat(seen).hasSize(n).isSorted();
  }

  @Test
  void aTaskFailureReachesTheCallerAtItsTurn() {
    List<Integer> seen = new ArrayList<>();
    assertThatThrownBy(() -> InOrderPool.forEach(IntStream.range(0, 50).boxed().toList(), 2, i -> {
      if (i == 20) {
        throw new IllegalStateException("item 20");
      }
      return i;
    }, seen::add)).isInstanceOf(IllegalStateException.class).hasMessage("item 20");
    assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
  }

  @Test
  void aConsumerFailureStopsTheWorkers() {
    List<Integer> done = new ArrayList<>();
    assertThatThrownBy(() -> InOrderPool.forEach(IntStream.range(0, 10_000).boxed().toList(), 2, i -> {
      synchronized (done) {
        done.add(i);
      }
      return i;
    }, i -> {
      if (i == 3) {
        throw new IllegalArgumentException("sink");
      }
    })).hasMessage("sink");
    LockSupport.parkNanos(50_000_000L);
    synchronized (done) {
      assertThat(done.size()).as("workers stop at the window").isLessThanOrEqualTo(InOrderPool.WINDOW + 8);
    }
  }

  @Test
  void fewItemsRunOnTheCallersThread() {
    List<String> where = new ArrayList<>();
    InOrderPool.forEach(List.of(1, 2), 4, i -> Thread.currentThread().getName(), where::add);
    assertThat(where).containsOnly(Thread.currentThread().getName());
  }
}
