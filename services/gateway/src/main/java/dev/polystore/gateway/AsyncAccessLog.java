package dev.polystore.gateway;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.polystore.platform.telemetry.AccessLog;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * The access log off the caller's thread: its lines go through Logback's AsyncAppender, whose
 * worker writes them to the console appender Spring Boot configured (text or JSON), so a call
 * never waits for stdout. When the queue ({@link #QUEUE_SIZE} lines) is full, as when stdout is
 * slower than the calls for long, new lines are dropped rather than making calls wait; the gauge
 * {@code polystore.access.log.queue.remaining} shows how close that is (docs/operations.md).
 * Installed after Spring Boot has configured logging, on every gateway start (it resets Logback).
 */
final class AsyncAccessLog {
  static final String APPENDER = "ACCESS_ASYNC";
  static final int QUEUE_SIZE = 8192;

  private AsyncAccessLog() {}

  static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders();
    if (!appenders.hasNext()) {
      return;
    }
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName(APPENDER);
    async.setQueueSize(QUEUE_SIZE);
    // Access lines are INFO: keep every one while there is room (the default drops INFO at 80 %).
    async.setDiscardingThreshold(0);
    async.setNeverBlock(true);
    // An AsyncAppender feeds one appender: the console's (Spring Boot's only one).
    async.addAppender(appenders.next());
    async.start();
    Logger access = context.getLogger(AccessLog.LOGGER);
    Appender<ILoggingEvent> previous = access.getAppender(APPENDER);
    access.addAppender(async);
    if (previous != null) {
      access.detachAppender(previous);
      previous.stop();
    }
    access.setAdditive(false);
    Gauge.builder("polystore.access.log.queue.remaining", () -> remaining(context))
        .description("room left in the access log's queue; lines are dropped when it is 0")
        .register(Telemetry.meters());
  }

  /**
   * Waits, at most {@code limit}, until the queue is empty: the last calls' lines are written
   * before the process ends. The appender stays on (another gateway of this JVM may log through it).
   */
  static void drain(Duration limit) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    long end = System.nanoTime() + limit.toNanos();
    while (remaining(context) < QUEUE_SIZE && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int remaining(LoggerContext context) {
    return context.getLogger(AccessLog.LOGGER).getAppender(APPENDER) instanceof AsyncAppender async
        ? async.getRemainingCapacity() : QUEUE_SIZE;
  }
}
