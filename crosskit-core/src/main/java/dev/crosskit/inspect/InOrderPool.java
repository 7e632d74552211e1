package dev.crosskit.inspect;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one task per item on a few threads and hands the results to the caller's thread in the
 * items' order, each as soon as it and all before it are done. Inspecting many files is CPU work
 * with a very uneven cost per file (a 100 MiB library next to a 10 KiB tool), so threads take the
 * next item as they free up rather than a fixed share; the caller writes output meanwhile, so
 * output is streamed yet identical to a single-threaded run.
 *
 * <p>At most {@link #WINDOW} results wait for the caller at a time, so memory stays bounded
 * however many files are given. A task's unchecked exception reaches the caller as thrown, at its
 * item's turn; an exception from the caller's consumer stops the workers.
 */
public final class InOrderPool {
  /** More threads than this gain nothing for file inspection even on large hosts (memory-bound). */
  static final int MAX_THREADS = 4;
  /** Results done but not yet consumed, at most. */
  static final int WINDOW = 256;
  /** Below this many items, starting threads costs more than it saves. */
  static final int MIN_PARALLEL = 4;

  private InOrderPool() {}

  /** The threads to use on this host: one per core, at most {@link #MAX_THREADS}. */
  public static int defaultThreads() {
    return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
  }

  /** {@link #forEach(List, int, Function, Consumer)} with {@link #defaultThreads()}. */
  public static <T, R> void forEach(List<T> items, Function<? super T, ? extends R> task, Consumer<? super R> sink) {
    forEach(items, defaultThreads(), task, sink);
  }

  /** Runs {@code task} on every item on up to {@code threads} threads; {@code sink} gets the results in order. */
  public static <T, R> void forEach(List<T> items, int threads, Function<? super T, ? extends R> task,
      Consumer<? super R> sink) {
    int n = items.size();
    int workers = Math.min(threads, n);
    if (workers <= 1 || n < MIN_PARALLEL) {
      for (T item : items) {
        sink.accept(task.apply(item));
      }
      return;
    }
    @SuppressWarnings("unchecked")
    CompletableFuture<R>[] slots = new CompletableFuture[n];
    for (int i = 0; i < n; i++) {
      slots[i] = new CompletableFuture<>();
    }
    AtomicInteger next = new AtomicInteger();
    Semaphore window = new Semaphore(WINDOW);
    Runnable worker = () -> {
      while (true) {
        window.acquireUninterruptibly();
        int i = next.getAndIncrement();
        if (i >= n) {
          return;
        }
        try {
          slots[i].complete(task.apply(items.get(i)));
        } catch (Throwable t) {
          slots[i].completeExceptionally(t);
        }
      }
    };
    for (int w = 0; w < workers; w++) {
      Thread.ofPlatform().daemon().name("crosskit-inspect-" + w).start(worker);
    }
    try {
      for (int i = 0; i < n; i++) {
        sink.accept(result(slots[i]));
        window.release();
      }
    } finally {
      // On an early exit the workers run out of items at once and never wait for permits.
      next.set(n);
      window.release(workers);
    }
  }

  private static <R> R result(CompletableFuture<R> slot) {
    try {
      return slot.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
