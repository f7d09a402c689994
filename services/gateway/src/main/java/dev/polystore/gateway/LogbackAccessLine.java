package dev.polystore.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.polystore.platform.telemetry.AccessLog;
import org.slf4j.LoggerFactory;

/**
 * The access line as one Logback event, handed to the access logger's appenders (the batching
 * console appender): the same message, level and key-value pairs as through SLF4J's fluent API.
 *
 * <p>Why not that API: per line it builds an SLF4J event, copies its arguments and pairs into a
 * Logback event, and runs the context's turbo filters, which here are Micrometer's
 * {@code logback.events} counter; together they were two thirds of the access log's cost on the
 * event loop in a profile of GetUser (docs/benchmarks.md, observability). Access lines are
 * counted by the call metrics already, so they are not counted as log events.
 */
final class LogbackAccessLine implements AccessLog.Line {
  private static final String FQCN = LogbackAccessLine.class.getName();

  private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);

  @Override
  public void write(String method, String status, String durationMs, String principal, String workspace,
      String traceId) {
    Object[] fields = {method, status, durationMs, principal, workspace, traceId};
    String message = AccessLog.message(method, status, durationMs, principal, workspace, traceId);
    LoggingEvent event = new LoggingEvent(FQCN, logger, Level.INFO, message, null, null);
    event.setKeyValuePairs(AccessLog.pairs(fields));
    logger.callAppenders(event);
  }
}
