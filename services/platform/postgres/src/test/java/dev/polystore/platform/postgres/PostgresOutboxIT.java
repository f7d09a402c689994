package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change and its event in one statement ({@link PostgresOutbox#withEvent}) on devstack's
 * PostgreSQL: the event is there exactly when the change returned its row.
 */
class PostgresOutboxIT {
  private final LocalPostgres postgres = Devstack.postgres();
  private final String database = "outbox_it_" + UUID.randomUUID().toString().replace("-", "");
  private PostgresPools pools;

  @BeforeEach
  void createDatabase() {
    postgres.createDatabase(database);
    pools = new PostgresPools(PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, postgres.connectionUrl(),
        "DB_MIN_CONNECTIONS", "0")), database), "outbox-it");
    pools.writer().useHandle(handle -> {
      handle.execute("CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL UNIQUE, version int NOT NULL)");
      handle.execute("CREATE TABLE outbox (event_id uuid PRIMARY KEY, type text NOT NULL, payload bytea NOT NULL,"
          + " sent_at timestamptz)");
    });
  }

  @AfterEach
  void dropDatabase() {
    pools.close();
    postgres.dropDatabase(database);
  }

  @Test
  void aChangeThatReturnsItsRowCommitsWithItsEvent() {
    OutboxRow event = event("t.created");

    assertEquals(Optional.of("one"), change("INSERT INTO t VALUES (1, 'one', 1) RETURNING name", event));

    assertEquals(List.of("one"), names());
    List<OutboxRow> events = events();
    assertEquals(1, events.size());
    assertEquals(event.eventId(), events.get(0).eventId());
    assertEquals(event.type(), events.get(0).type());
    assertArrayEquals(event.payload(), events.get(0).payload());
  }

  @Test
  void aChangeOfNoRowRecordsNoEvent() {
    change("INSERT INTO t VALUES (1, 'one', 1) RETURNING name", event("t.created"));

    // An update whose version no longer matches: nothing changed, so nothing happened to tell.
    assertEquals(Optional.empty(),
        change("UPDATE t SET name = 'uno', version = 2 WHERE id = 1 AND version = 7 RETURNING name", event("t.updated")));

    assertEquals(List.of("one"), names());
    assertEquals(List.of("t.created"), events().stream().map(OutboxRow::type).toList());
  }

  @Test
  void aChangeTheDatabaseRefusesLeavesNeitherRowNorEvent() {
    change("INSERT INTO t VALUES (1, 'one', 1) RETURNING name", event("t.created"));

    JdbiException refused = assertThrows(JdbiException.class,
        () -> change("INSERT INTO t VALUES (2, 'one', 1) RETURNING name", event("t.created")));

    assertTrue(refused.getMessage().contains("t_name_key"), refused.getMessage());
    assertEquals(List.of("one"), names());
    assertEquals(1, events().size());
  }

  private Optional<String> change(String sql, OutboxRow event) {
    return pools.writer().withHandle(handle ->
        PostgresOutbox.bindEvent(handle.createQuery(PostgresOutbox.withEvent(sql)), event).mapTo(String.class).findOne());
  }

  private static OutboxRow event(String type) {
    return new OutboxRow(UUID.randomUUID(), type, type.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> names() {
    return pools.writer().withHandle(handle -> handle.createQuery("SELECT name FROM t ORDER BY id").mapTo(String.class).list());
  }

  private List<OutboxRow> events() {
    return pools.writer().withHandle(handle -> handle.createQuery("SELECT event_id, type, payload FROM outbox ORDER BY type")
        .map((row, ctx) -> new OutboxRow(row.getObject("event_id", UUID.class), row.getString("type"), row.getBytes("payload")))
        .list());
  }
}
