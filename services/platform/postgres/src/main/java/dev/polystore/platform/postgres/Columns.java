package dev.polystore.platform.postgres;

import io.vertx.sqlclient.Row;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Typed reads and binds of the column types the schema uses, from JDBC's result sets and from the
 * asynchronous client's rows ({@link PostgresAsyncClient}) alike.
 */
public final class Columns {
  private Columns() {}

  public static UUID uuid(ResultSet row, String column) throws SQLException {
    return row.getObject(column, UUID.class);
  }

  public static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  public static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
    return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }

  /** A timestamptz column of a row of the asynchronous client. */
  public static Instant instant(Row row, String column) {
    return row.getOffsetDateTime(column).toInstant();
  }

  /** A timestamptz column that may be NULL, of a row of the asynchronous client. */
  public static Optional<Instant> optionalInstant(Row row, String column) {
    return Optional.ofNullable(row.getOffsetDateTime(column)).map(OffsetDateTime::toInstant);
  }

  /** timestamptz binds as OffsetDateTime (setObject), which keeps every microsecond and the zone. */
  public static OffsetDateTime timestamptz(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
