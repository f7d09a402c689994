package dev.polystore.platform.postgres;

import java.time.Duration;
import java.util.Properties;

/**
 * The pgjdbc connection properties every connection of a service gets, pooled or not: bounded
 * connect and socket waits and the server-side statement timeout. Without them a vanished or
 * frozen instance holds a thread and a connection for minutes (TCP retransmission), long after
 * the deadline guard answered the caller.
 */
final class DriverProperties {
  private DriverProperties() {
  }

  static Properties of(PostgresConfig config, PostgresEndpoint endpoint, String applicationName,
      Duration connectTimeout, Duration socketTimeout) {
    Properties properties = new Properties();
    properties.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
    properties.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("ApplicationName", applicationName);
    properties.setProperty("options", startupOptions(config, endpoint));
    return properties;
  }

  /**
   * The server settings each connection starts with: the URL's own {@code options} and the
   * statement timeout, as a startup option so that it costs no round trip.
   */
  static String startupOptions(PostgresConfig config, PostgresEndpoint endpoint) {
    String options = endpoint.parameters().getOrDefault("options", "");
    return (options + " -c statement_timeout=" + config.statementTimeout().toMillis()).trim();
  }
}
