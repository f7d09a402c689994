package dev.polystore.admin;

import dev.polystore.platform.postgres.PostgresStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A service's PostgreSQL database, exported and imported over JDBC with PgJDBC's CopyManager
 * ({@code COPY ... TO STDOUT (FORMAT binary)} per table). Not pg_dump: no pg_dump of the server's
 * major version exists on our machines (PITFALLS.md), and the schema is the service's own Flyway
 * migrations anyway, which the import runs on the target first. The export reads every table in one
 * REPEATABLE READ transaction, so the tables agree with each other as of one instant.
 */
public final class PostgresDump implements DumpedStore {
  private final String service;
  private final PostgresSource source;
  private final PrintStream out;

  public PostgresDump(String service, Map<String, String> env, String database, PrintStream out) {
    this.service = service;
    this.source = new PostgresSource(env, database);
    this.out = out;
  }

  @Override
  public String kind() {
    return "postgresql";
  }

  @Override
  public Snapshot export(Path workDirectory, TableSink sink) {
    try (Connection connection = source.connect()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      Instant takenAt;
      String version;
      // The snapshot is taken by the transaction's first query: this one.
      try (Statement statement = connection.createStatement();
           ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
        now.next();
        takenAt = now.getTimestamp(1).toInstant();
      }
      version = schemaVersion(connection);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (String table : TableOrder.of(connection)) {
        Path file = workDirectory.resolve(table + ".copy.gz");
        Progress progress = new Progress(out, service + "." + table + " export", "bytes", -1);
        long rows;
        try (OutputStream gzip = new GZIPOutputStream(new CountingOutput(Files.newOutputStream(file), progress))) {
          rows = copy.copyOut("COPY " + quoted(table) + " TO STDOUT (FORMAT binary)", gzip);
        }
        progress.finish();
        out.printf("[%s.%s export] %,d rows%n", service, table, rows);
        sink.accept(table, file, rows);
      }
      connection.rollback();
      return new Snapshot(version, takenAt);
    } catch (SQLException e) {
      throw new AdminFailure(service + ": export from " + source.describe() + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void load(Manifest manifest, List<Path> files, boolean replace) {
    out.printf("[%s import] migrating %s%n", service, source.describe());
    // Not closed: closing the store would close the source's pools, which the load still needs.
    new PostgresStore(service, source.pools()).migrate();
    try (Connection connection = source.connect()) {
      String version = schemaVersion(connection);
      if (!version.equals(manifest.schemaVersion())) {
        throw new AdminFailure(service + ": the target's schema is at version " + version + ", the export's at "
            + manifest.schemaVersion() + ": import with the release that made the export");
      }
      connection.setAutoCommit(false);
      emptyOrRefuse(connection, manifest, replace);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (int i = 0; i < files.size(); i++) {
        Manifest.Entry entry = manifest.tables().get(i);
        Progress progress = new Progress(out, service + "." + entry.table() + " import", "bytes", -1);
        long rows;
        try (InputStream in = new GZIPInputStream(new CountingInput(Files.newInputStream(files.get(i)), progress))) {
          rows = copy.copyIn("COPY " + quoted(entry.table()) + " FROM STDIN (FORMAT binary)", in);
        }
        progress.finish();
        if (rows != entry.rows()) {
          throw new AdminFailure(service + "." + entry.table() + ": loaded " + rows + " rows, the manifest says "
              + entry.rows() + "; nothing was imported");
        }
        out.printf("[%s.%s import] %,d rows%n", service, entry.table(), rows);
      }
      connection.commit(); // all tables or none
    } catch (SQLException e) {
      throw new AdminFailure(service + ": import into " + source.describe() + " failed (nothing was imported): "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void emptyOrRefuse(Connection connection, Manifest manifest, boolean replace) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (Manifest.Entry entry : manifest.tables()) {
        try (ResultSet any = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + quoted(entry.table()) + ")")) {
          any.next();
          if (any.getBoolean(1) && !replace) {
            throw new AdminFailure(service + ": table " + entry.table() + " on " + source.describe()
                + " is not empty; import into an empty database, or pass --replace to replace its rows");
          }
        }
      }
      if (replace) {
        // In the import's transaction: a failed import leaves the old rows.
        statement.execute("TRUNCATE " + String.join(", ", manifest.tables().stream()
            .map(e -> quoted(e.table())).toList()));
      }
    }
  }

  private static String schemaVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history WHERE success"
             + " AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
      return rows.next() ? rows.getString(1) : "none";
    }
  }

  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public void close() {
    source.close();
  }
}
