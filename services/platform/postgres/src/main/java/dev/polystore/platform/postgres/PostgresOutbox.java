package dev.polystore.platform.postgres;

import dev.polystore.platform.events.OutboxRow;
import dev.polystore.platform.events.OutboxSource;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A service's {@code outbox} table (its V<n>__outbox.sql migration): {@link #append} inside a
 * write's own transaction, and the relay's side of it on the writer.
 */
public final class PostgresOutbox implements OutboxSource {
  private static final String COLUMNS = "event_id, type, payload";
  private static final RowMapper<OutboxRow> ROWS = (row, ctx) ->
      new OutboxRow(row.getObject("event_id", UUID.class), row.getString("type"), row.getBytes("payload"));

  private final Jdbi writer;

  public PostgresOutbox(Jdbi writer) {
    this.writer = writer;
  }

  /** Records an event in the caller's transaction: it commits, or rolls back, with the change. */
  public static void append(Handle handle, OutboxRow row) {
    bindEvent(handle.createUpdate("INSERT INTO outbox (event_id, type, payload) VALUES (:eventId, :type, :payload)"), row)
        .execute();
  }

  /**
   * {@code change}, an INSERT, UPDATE or DELETE of at most one row with a RETURNING clause, as one
   * statement that also records the event bound by {@link #bindEvent} when, and only when, the
   * change returns its row; the statement's result is that row. One statement is atomic without a
   * transaction: the change and its event commit together in one round trip, where BEGIN, change,
   * event and COMMIT take three (PostgreSQL's data-modifying WITH).
   */
  public static String withEvent(String change) {
    return withEvent(change, ":eventId", ":type", ":payload");
  }

  /**
   * As {@link #withEvent(String)}, with the event's id, type and payload at the given placeholders:
   * for the asynchronous client, whose are positional ({@code $4}), the values given by {@link #addEvent}.
   */
  public static String withEvent(String change, String eventId, String type, String payload) {
    return "WITH change AS (" + change + "),"
        + " event AS (INSERT INTO outbox (event_id, type, payload)"
        + " SELECT CAST(" + eventId + " AS uuid), " + type + ", CAST(" + payload + " AS bytea) FROM change)"
        + " SELECT * FROM change";
  }

  /** Binds the event's columns to {@code statement}, by the names {@link #append} and {@link #withEvent} use. */
  public static <S extends SqlStatement<S>> S bindEvent(S statement, OutboxRow row) {
    return statement.bind("eventId", row.eventId())
        .bind("type", row.type())
        .bind("payload", row.payload());
  }

  /** Appends the event's id, type and payload to the asynchronous client's {@code arguments}, in that order. */
  public static Tuple addEvent(Tuple arguments, OutboxRow row) {
    return arguments.addUUID(row.eventId()).addString(row.type()).addBuffer(Buffer.buffer(row.payload()));
  }

  @Override
  public int relay(int max, Publisher publish) {
    return writer.inTransaction(handle -> {
      // SKIP LOCKED: a relay of another instance takes the next rows instead of waiting for these.
      List<OutboxRow> rows = handle.createQuery("SELECT " + COLUMNS + " FROM outbox WHERE sent_at IS NULL"
              + " ORDER BY event_id LIMIT :max FOR UPDATE SKIP LOCKED")
          .bind("max", max)
          .map(ROWS)
          .list();
      if (rows.isEmpty()) {
        return 0;
      }
      publish.publish(rows);
      handle.createUpdate("UPDATE outbox SET sent_at = now() WHERE event_id = ANY(:ids)")
          .bindArray("ids", UUID.class, rows.stream().map(OutboxRow::eventId).toList())
          .execute();
      return rows.size();
    });
  }

  @Override
  public List<OutboxRow> sentSince(Instant since, UUID after, int max) {
    return writer.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM outbox"
            + " WHERE sent_at >= :since" + (after == null ? "" : " AND event_id > :after")
            + " ORDER BY event_id LIMIT :max")
        .bind("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
        .bind("after", after)
        .bind("max", max)
        .map(ROWS)
        .list());
  }

  @Override
  public int purgeSentBefore(Instant before, int max) {
    return writer.withHandle(handle -> handle.createUpdate("DELETE FROM outbox WHERE event_id IN"
            + " (SELECT event_id FROM outbox WHERE sent_at < :before LIMIT :max)")
        .bind("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
        .bind("max", max)
        .execute());
  }

  @Override
  public Optional<Instant> oldestUnsent() {
    // The partial index in id order; ids are time-ordered, so the first is the oldest.
    return writer.withHandle(handle -> handle.createQuery("SELECT created_at FROM outbox WHERE sent_at IS NULL"
            + " ORDER BY event_id LIMIT 1")
        .mapTo(OffsetDateTime.class)
        .findOne()
        .map(OffsetDateTime::toInstant));
  }
}
