package dev.polystore.platform.vector.lucene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spare cores that one query's scan borrows while they are idle: a query alone on the machine is
 * split over every core (its latency divided), and under load, when the helpers are taken, each
 * query scans on its own thread as before (no hand-off paid). Lucene's {@code IndexSearcher} splits
 * by segment on an executor and queues parts whether or not a core is free; here a part is forked
 * only to an idle helper, and the exact scan ({@link Int8Scan}) also splits within a segment, so a
 * namespace merged into one segment still splits.
 */
final class ScanHelpers implements AutoCloseable {
  /** No helpers: every scan runs on its caller (tests, one-core machines). */
  static final ScanHelpers NONE = new ScanHelpers(0);

  private final ExecutorService pool;
  private final Semaphore idle;

  ScanHelpers(int helpers) {
    AtomicInteger count = new AtomicInteger();
    this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, task -> {
      Thread thread = new Thread(task, "vector-scan-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.idle = new Semaphore(helpers);
  }

  /** One helper per core beside the caller's. */
  static ScanHelpers perCore() {
    return new ScanHelpers(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
  }

  /**
   * Cuts a scan into as many slices as there are idle helpers plus the caller, at most
   * {@code maxSlices}, and runs {@code slice} for each: slice 0 on the caller, the others on the
   * helpers. Returns when every slice is done.
   */
  void run(int maxSlices, Slice slice) {
    int helpers = 0;
    while (helpers < maxSlices - 1 && idle.tryAcquire()) {
      helpers++;
    }
    int slices = helpers + 1;
    List<Future<?>> forked = new ArrayList<>();
    try {
      for (int index = 1; index < slices; index++) {
        int mine = index;
        forked.add(pool.submit(() -> {
          try {
            slice.run(mine, slices);
          } finally {
            idle.release();
          }
        }));
      }
    } catch (RejectedExecutionException closed) {
      // the store is closing: nothing more is forked, and the caller scans what was not
      idle.release(slices - 1 - forked.size());
      for (int index = forked.size() + 1; index < slices; index++) {
        slice.run(index, slices);
      }
    }
    slice.run(0, slices);
    for (Future<?> future : forked) {
      join(future);
    }
  }

  /** One slice of a scan cut into {@code of}. */
  @FunctionalInterface
  interface Slice {
    void run(int index, int of);
  }

  /**
   * Which of {@code slices} each item goes to, so that the slices' total sizes are about equal: the
   * largest first, each to the slice with the least so far.
   */
  static int[] share(long[] sizes, int slices) {
    Integer[] order = new Integer[sizes.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a]));
    long[] loads = new long[slices];
    int[] owners = new int[sizes.length];
    for (int item : order) {
      int least = 0;
      for (int slice = 1; slice < slices; slice++) {
        least = loads[slice] < loads[least] ? slice : least;
      }
      owners[item] = least;
      loads[least] += sizes[item];
    }
    return owners;
  }

  private static void join(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a helper scanned", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("a helper's scan failed", e.getCause());
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
