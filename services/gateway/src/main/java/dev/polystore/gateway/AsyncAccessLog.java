package dev.polystore.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import dev.polystore.platform.telemetry.AccessLog;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.core.instrument.Gauge;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The access log off the caller's thread: its lines go to a {@link BatchingConsoleAppender}, which
 * writes them to the console in batches with the encoder Spring Boot gave the console (text or
 * JSON), so a call never waits for stdout. When the queue ({@link #QUEUE_SIZE} lines) is full, as
 * when stdout is slower than the calls for long, new lines are dropped rather than making calls
 * wait; the gauge {@code polystore.access.log.queue.remaining} shows how close that is
 * (docs/operations.md). Installed after Spring Boot has configured logging, on every gateway start
 * (it resets Logback).
 */
final class AsyncAccessLog {
  static final String APPENDER = "ACCESS_BATCHED";
  static final int QUEUE_SIZE = 8192;

  private AsyncAccessLog() {}

  static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders();
    // Spring Boot's only appender is the console's; without one the lines go the root's way.
    if (!appenders.hasNext() || !(appenders.next() instanceof ConsoleAppender<ILoggingEvent> console)) {
      return;
    }
    Supplier<PrintStream> stream = "System.err".equals(console.getTarget()) ? () -> System.err : () -> System.out;
    BatchingConsoleAppender batched = new BatchingConsoleAppender(QUEUE_SIZE, console.getEncoder(), stream);
    batched.setContext(context);
    batched.setName(APPENDER);
    batched.start();
    Logger access = context.getLogger(AccessLog.LOGGER);
    Appender<ILoggingEvent> previous = access.getAppender(APPENDER);
    access.addAppender(batched);
    if (previous != null) {
      access.detachAppender(previous);
      previous.stop();
    }
    access.setAdditive(false);
    Gauge.builder("polystore.access.log.queue.remaining", () -> appender(context).map(BatchingConsoleAppender::remaining).orElse(QUEUE_SIZE))
        .description("room left in the access log's queue; lines are dropped when it is 0")
        .register(Telemetry.meters());
  }

  /**
   * Waits, at most {@code limit}, until the queue is written: the last calls' lines are written
   * before the process ends. The appender stays on (another gateway of this JVM may log through it).
   */
  static void drain(Duration limit) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    long end = System.nanoTime() + limit.toNanos();
    while (appender(context).map(BatchingConsoleAppender::unwritten).orElse(0) > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Optional<BatchingConsoleAppender> appender(LoggerContext context) {
    return context.getLogger(AccessLog.LOGGER).getAppender(APPENDER) instanceof BatchingConsoleAppender batched
        ? Optional.of(batched) : Optional.empty();
  }
}
