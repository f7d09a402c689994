package dev.polystore.admin;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL server of the drill's own (zonky's binaries, as devstack's), on a data directory it is
 * given: a fresh engine to restore into, or a server with WAL archiving. It keeps its data when
 * stopped, so it can be restarted with settings changed by ALTER SYSTEM.
 */
final class FreshPostgres implements AutoCloseable {
  final Path dataDirectory;
  private EmbeddedPostgres server;

  FreshPostgres(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    start();
  }

  void start() {
    try {
      server = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .setPGStartupWait(Duration.ofSeconds(120))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("unix_socket_directories", "")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void stop() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  /** The form POSTGRES_WRITER_CONN takes; the fresh cluster trusts loopback logins, so the password is a formality. */
  String connectionUrl() {
    return "postgresql://postgres:postgres@127.0.0.1:" + port() + "/postgres";
  }

  Connection connect(String database) throws SQLException {
    return server.getDatabase("postgres", database).getConnection();
  }

  void execute(String database, String sql) throws SQLException {
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
