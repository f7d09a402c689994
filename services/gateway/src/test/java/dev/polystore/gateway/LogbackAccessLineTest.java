package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.polystore.platform.telemetry.AccessLog;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The Logback event written directly is the one SLF4J's fluent API makes: message, level, logger, pairs. */
class LogbackAccessLineTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  LogbackAccessLineTest() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(lines);
  }

  @Test
  void theLineIsTheFluentApisLine() {
    String[] fields = {"polystore.accounts.v1.AccountsService/GetUser", "NOT_FOUND", "3.112", "service:web", "-",
        "4bf92f3577b34da6a3ce929d0e0e4736"};
    AccessLog.SLF4J.write(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    new LogbackAccessLine().write(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);

    assertEquals(2, lines.list.size());
    ILoggingEvent fluent = lines.list.get(0);
    ILoggingEvent direct = lines.list.get(1);
    assertEquals("polystore.accounts.v1.AccountsService/GetUser NOT_FOUND 3.112ms principal=service:web "
        + "workspace=- trace=4bf92f3577b34da6a3ce929d0e0e4736", direct.getFormattedMessage());
    assertEquals(fluent.getFormattedMessage(), direct.getFormattedMessage());
    assertEquals(fluent.getLevel(), direct.getLevel());
    assertEquals(fluent.getLoggerName(), direct.getLoggerName());
    assertEquals(pairs(fluent), pairs(direct));
    assertEquals(List.of("rpc.method=\"polystore.accounts.v1.AccountsService/GetUser\"", "grpc.status_code=\"NOT_FOUND\"",
        "duration_ms=\"3.112\"", "enduser.id=\"service:web\"", "polystore.workspace.id=\"-\"",
        "trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\""), pairs(direct));
  }

  private static List<String> pairs(ILoggingEvent event) {
    return event.getKeyValuePairs().stream().map(Object::toString).toList();
  }
}
