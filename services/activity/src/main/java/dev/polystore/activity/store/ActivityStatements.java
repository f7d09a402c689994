package dev.polystore.activity.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** The activity keyspace's statements, prepared once per session. */
record ActivityStatements(
    PreparedStatement claim,
    PreparedStatement readClaim,
    PreparedStatement insertByDay,
    PreparedStatement insertByType,
    PreparedStatement count,
    PreparedStatement selectDay,
    PreparedStatement selectLegacyDay,
    PreparedStatement selectDayOfType,
    PreparedStatement selectCounts,
    PreparedStatement selectLegacyCounts) {

  private static final String EVENT_COLUMNS = "event_id, actor_id, type, subject, attributes, occurred_at";

  static ActivityStatements prepare(CqlSession session) {
    return new ActivityStatements(
        // The lightweight transaction that makes recording idempotent: whoever applies it stores
        // and counts the event; everyone else gets the first copy back.
        session.prepare("INSERT INTO event_ids (workspace_id, " + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " IF NOT EXISTS USING TTL ?"),
        session.prepare("SELECT workspace_id, " + EVENT_COLUMNS + " FROM event_ids WHERE workspace_id = ? AND event_id = ?"),
        session.prepare("INSERT INTO events_by_day_bucket (workspace_id, day, bucket, " + EVENT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?"),
        session.prepare("INSERT INTO events_by_type (workspace_id, day, " + EVENT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?"),
        session.prepare("UPDATE daily_counts_bucket SET events = events + 1"
            + " WHERE workspace_id = ? AND month = ? AND bucket = ? AND day = ? AND type = ?"),
        session.prepare("SELECT workspace_id, " + EVENT_COLUMNS + " FROM events_by_day_bucket"
            + " WHERE workspace_id = ? AND day = ? AND bucket = ? AND occurred_at >= ? AND occurred_at <= ?"),
        // The tables before V3: read, never written (docs/migrations.md).
        session.prepare("SELECT workspace_id, " + EVENT_COLUMNS + " FROM events_by_day"
            + " WHERE workspace_id = ? AND day = ? AND occurred_at >= ? AND occurred_at <= ?"),
        session.prepare("SELECT workspace_id, " + EVENT_COLUMNS + " FROM events_by_type"
            + " WHERE workspace_id = ? AND day = ? AND type = ? AND occurred_at >= ? AND occurred_at <= ?"),
        session.prepare("SELECT day, type, events FROM daily_counts_bucket"
            + " WHERE workspace_id = ? AND month = ? AND bucket = ? AND day >= ? AND day <= ?"),
        session.prepare("SELECT day, type, events FROM daily_counts"
            + " WHERE workspace_id = ? AND month = ? AND day >= ? AND day <= ?"));
  }
}
