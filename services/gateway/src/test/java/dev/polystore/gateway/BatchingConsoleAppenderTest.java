package dev.polystore.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access log's appender: every line written, in order, in few writes; a full queue drops, never waits. */
class BatchingConsoleAppenderTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @Test
  void everyLineIsWrittenInOrderAndInFewWrites() {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    AtomicInteger writes = new AtomicInteger();
    PrintStream console = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        written.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        writes.incrementAndGet();
        written.write(bytes, offset, length);
      }
    });
    BatchingConsoleAppender appender = started(1000, console);
    for (int i = 0; i < 1000; i++) {
      appender.doAppend(event("line " + i));
    }
    appender.stop();
    assertEquals(0, appender.unwritten());

    List<String> expected = IntStream.range(0, 1000).mapToObj(i -> "line " + i).toList();
    assertEquals(expected, List.of(written.toString(StandardCharsets.UTF_8).split("\n")));
    assertTrue(writes.get() <= 20, "1,000 lines queued at once are written in a few batches, not one write each: " + writes);
  }

  @Test
  void aFullQueueDropsNewLinesWithoutMakingTheCallerWait() {
    CountDownLatch release = new CountDownLatch(1);
    PrintStream stalled = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        awaitQuietly(release);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        awaitQuietly(release);
      }
    });
    BatchingConsoleAppender appender = started(10, stalled);
    appender.doAppend(event("taken by the writer, which then stalls"));
    await().atMost(Duration.ofSeconds(5)).until(() -> appender.remaining() == 10); // taken: the queue is empty
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      for (int i = 0; i < 1000; i++) {
        appender.doAppend(event("line " + i));
      }
    }, "appending never waits for the console");
    assertEquals(0, appender.remaining(), "the queue is full: what did not fit was dropped");
    assertEquals(11, appender.unwritten(), "the line being written and the ten queued are not written yet");
    release.countDown();
    appender.stop();
  }

  private BatchingConsoleAppender started(int capacity, PrintStream console) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    BatchingConsoleAppender appender = new BatchingConsoleAppender(capacity, encoder, () -> console);
    appender.setContext(context);
    appender.start();
    return appender;
  }

  private LoggingEvent event(String message) {
    return new LoggingEvent(getClass().getName(), context.getLogger("polystore.access"), Level.INFO, message, null, null);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
