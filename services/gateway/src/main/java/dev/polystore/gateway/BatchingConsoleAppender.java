package dev.polystore.gateway;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lines queued by the calls and written to the console in batches, for a logger whose arguments
 * are immutable (the access log's are strings): a worker takes whatever has queued every
 * {@link #INTERVAL}, formats and encodes it with the console's own encoder (text or JSON, as Spring
 * Boot configured it) and writes it with one write. When the queue is full, new lines are dropped,
 * never waited for.
 *
 * <p>Why not Logback's AsyncAppender in front of its ConsoleAppender: its worker waits on the
 * queue, so each line wakes it (a context switch per call on a busy machine); the console
 * appender writes and flushes every line on its own (System.out flushes on each write: a system
 * call per line); and each message is formatted on the caller's thread. ObservabilityBench
 * measured the access log that way among what telemetry cost a call (docs/benchmarks.md,
 * observability); here a busy second costs fifty wake-ups and writes.
 */
final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** How long a line may wait for its batch. */
  static final Duration INTERVAL = Duration.ofMillis(20);

  private final BlockingQueue<ILoggingEvent> queue;
  /** Lines taken in and not yet written: the queue's and the batch being written. */
  private final AtomicInteger unwritten = new AtomicInteger();
  private final Encoder<ILoggingEvent> encoder;
  /** The console's stream as it is at each write (tests and tools replace System.out). */
  private final Supplier<PrintStream> console;
  private Thread worker;

  BatchingConsoleAppender(int capacity, Encoder<ILoggingEvent> encoder, Supplier<PrintStream> console) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.encoder = encoder;
    this.console = console;
  }

  @Override
  public void start() {
    worker = new Thread(this::writeUntilStopped, "access-log-writer");
    worker.setDaemon(true);
    super.start();
    worker.start();
  }

  /** Lets the writer write what is queued, waiting for it at most a second. */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop(); // the writer sees it: it writes what is queued, then ends
    worker.interrupt();
    try {
      worker.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Takes what only the caller's thread knows (its name, its MDC); the message is formatted by the
   * writer, off the call's thread, so the arguments must not change once logged: the access log's
   * are strings.
   */
  @Override
  protected void append(ILoggingEvent event) {
    event.getThreadName();
    event.getMDCPropertyMap();
    unwritten.incrementAndGet();
    if (!queue.offer(event)) {
      unwritten.decrementAndGet();
    }
  }

  /** Room left in the queue; lines are dropped when it is 0. */
  int remaining() {
    return queue.remainingCapacity();
  }

  /** Lines taken in and not yet written, queued or in the batch being written. */
  int unwritten() {
    return unwritten.get();
  }

  private void writeUntilStopped() {
    List<ILoggingEvent> batch = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    while (true) {
      queue.drainTo(batch);
      if (batch.isEmpty()) {
        if (!isStarted()) {
          return;
        }
        try {
          Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
          // stop() woke it: the queue is taken once more above, and the writer ends when it is empty
        }
        continue;
      }
      for (ILoggingEvent event : batch) {
        try {
          bytes.writeBytes(encoder.encode(event));
        } catch (RuntimeException e) {
          addError("an access log line could not be encoded; it is left out", e); // the others still go
        }
      }
      PrintStream out = console.get();
      out.write(bytes.toByteArray(), 0, bytes.size());
      out.flush();
      unwritten.addAndGet(-batch.size());
      batch.clear();
      bytes.reset();
    }
  }
}
