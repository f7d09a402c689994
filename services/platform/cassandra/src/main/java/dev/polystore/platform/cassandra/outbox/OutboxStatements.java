package dev.polystore.platform.cassandra.outbox;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.polystore.platform.cassandra.CassandraStore;
import java.util.function.Supplier;

/**
 * The statements over a keyspace's {@code outbox}, {@code outbox_sent} and {@code outbox_leases}
 * tables (the shape of files' V4__outbox.cql), prepared once per session.
 */
record OutboxStatements(
    PreparedStatement insertRow,
    PreparedStatement selectRow,
    PreparedStatement selectUnsent,
    PreparedStatement deleteRow,
    PreparedStatement insertSent,
    PreparedStatement selectSentRow,
    PreparedStatement selectSentFirst,
    PreparedStatement selectSentAfter,
    PreparedStatement takeLease,
    PreparedStatement renewLease) {

  /** Prepared on first use: the session connects once the store is there, not when the service is built. */
  static Supplier<OutboxStatements> lazily(CassandraStore store) {
    return new Supplier<>() {
      private volatile OutboxStatements prepared;

      @Override
      public OutboxStatements get() {
        OutboxStatements statements = prepared;
        if (statements == null) {
          synchronized (this) {
            if (prepared == null) {
              prepared = prepare(store.session());
            }
            statements = prepared;
          }
        }
        return statements;
      }
    };
  }

  static OutboxStatements prepare(CqlSession session) {
    return new OutboxStatements(
        session.prepare("INSERT INTO outbox (bucket, created_at, event_id, type, payload) VALUES (?, ?, ?, ?, ?)"),
        session.prepare("SELECT event_id FROM outbox WHERE bucket = ? AND created_at = ? AND event_id = ?"),
        session.prepare("SELECT created_at, event_id, type, payload FROM outbox WHERE bucket = ? LIMIT ?"),
        session.prepare("DELETE FROM outbox WHERE bucket = ? AND created_at = ? AND event_id = ?"),
        session.prepare("INSERT INTO outbox_sent (bucket, event_id, type, payload, sent_at) VALUES (?, ?, ?, ?, ?)"
            + " USING TTL ?"),
        session.prepare("SELECT event_id FROM outbox_sent WHERE bucket = ? AND event_id = ?"),
        session.prepare("SELECT event_id, type, payload, sent_at FROM outbox_sent WHERE bucket = ? LIMIT ?"),
        session.prepare("SELECT event_id, type, payload, sent_at FROM outbox_sent WHERE bucket = ? AND event_id > ?"
            + " LIMIT ?"),
        session.prepare("INSERT INTO outbox_leases (bucket, owner) VALUES (?, ?) IF NOT EXISTS USING TTL ?"),
        // Every column again: a TTL belongs to each cell (see MigrationLock).
        session.prepare("UPDATE outbox_leases USING TTL ? SET owner = ? WHERE bucket = ? IF owner = ?"));
  }
}
