package dev.polystore.platform.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Answers "does the writer answer now?" within about a second. It keeps one connection of its own,
 * outside the pool: a pool would make the probe wait its full connection timeout while the
 * database is away.
 */
final class PostgresProbe implements AutoCloseable {
  private final PostgresConfig config;
  private Connection connection;

  PostgresProbe(PostgresConfig config) {
    this.config = config;
  }

  synchronized boolean isReachable() {
    try {
      if (connection == null || !connection.isValid(1)) {
        closeQuietly();
        Properties properties = DriverProperties.of(config, config.writer(), "polystore-probe",
            Duration.ofSeconds(1), Duration.ofSeconds(2));
        properties.setProperty("user", config.writerCredentials().user());
        properties.setProperty("password", config.writerCredentials().password());
        connection = DriverManager.getConnection(config.writer().jdbcUrl(config.database()), properties);
      }
      return connection.isValid(1);
    } catch (SQLException e) {
      closeQuietly();
      return false;
    }
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The connection is being thrown away because it is broken.
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
