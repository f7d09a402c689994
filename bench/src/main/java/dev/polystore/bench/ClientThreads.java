package dev.polystore.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The closed loop both runners share: {@code clients} threads each call the operation back to back
 * until stopped, and hand every call's latency to a {@link Timing}; the first failure stops them all.
 */
final class ClientThreads {
  /** Told of each call: a token taken just before it ({@link #before}) and how long it took. */
  interface Timing {
    int before();

    void after(int token, long nanos);
  }

  private final AtomicBoolean stop = new AtomicBoolean(false);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch done;
  private final String name;

  private ClientThreads(String name, int clients) {
    this.name = name;
    this.done = new CountDownLatch(clients);
  }

  static ClientThreads start(String name, int clients, LoadRunner.Operation operation, Timing timing) {
    ClientThreads threads = new ClientThreads(name, clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread = new Thread(() -> {
        long sequence = 0;
        try {
          while (!threads.stop.get()) {
            int token = timing.before();
            long start = System.nanoTime();
            operation.call(client, sequence++);
            timing.after(token, System.nanoTime() - start);
          }
        } catch (Throwable t) {
          threads.failure.compareAndSet(null, t);
          threads.stop.set(true);
        } finally {
          threads.done.countDown();
        }
      }, "bench-" + name + "-" + c);
      thread.setDaemon(true);
      thread.start();
    }
    return threads;
  }

  /** Set once the threads are to stop, or one of them failed. */
  AtomicBoolean stopped() {
    return stop;
  }

  /** Stops the threads, waits for them, and throws the first failure if there was one. */
  void stopAndCheck() throws InterruptedException {
    stop.set(true);
    done.await();
    if (failure.get() != null) {
      throw new IllegalStateException(name + " failed", failure.get());
    }
  }
}
