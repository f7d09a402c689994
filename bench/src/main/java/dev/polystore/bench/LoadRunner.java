package dev.polystore.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: {@code clients} threads each call the operation back to back for a warm-up and
 * then a measured period; latencies go into an HdrHistogram. Both sides of a comparison run through
 * this same loop, so the harness costs the same on each.
 */
public final class LoadRunner {
  /** One operation call; the argument is a per-client sequence number, handy for unique keys. */
  @FunctionalInterface
  public interface Operation {
    void call(int client, long sequence) throws Exception;
  }

  private final Duration warmup;
  private final Duration measure;

  public LoadRunner(Duration warmup, Duration measure) {
    this.warmup = warmup;
    this.measure = measure;
  }

  /** How long the clients of one run call: warm-up and measurement. */
  public Duration callingTime() {
    return warmup.plus(measure);
  }

  public Measurement run(String name, int clients, Operation operation) throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicBoolean recording = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(clients);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread = new Thread(() -> {
        long sequence = 0;
        try {
          while (!stop.get()) {
            long start = System.nanoTime();
            operation.call(client, sequence++);
            if (recording.get()) {
              recorder.recordValue(System.nanoTime() - start);
            }
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
          stop.set(true);
        } finally {
          done.countDown();
        }
      }, "bench-" + name + "-" + c);
      threads.add(thread);
      thread.start();
    }
    Thread.sleep(warmup.toMillis());
    recorder.reset();
    recording.set(true);
    long begin = System.nanoTime();
    Thread.sleep(measure.toMillis());
    var histogram = recorder.getIntervalHistogram();
    long elapsed = System.nanoTime() - begin;
    stop.set(true);
    done.await();
    if (failure.get() != null) {
      throw new IllegalStateException(name + " failed", failure.get());
    }
    double seconds = elapsed / 1e9;
    return new Measurement(name, clients, histogram.getTotalCount() / seconds,
        histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6);
  }
}
