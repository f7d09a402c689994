package dev.polystore.platform.postgres.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A service's outbox table as a test reads it on a connection of its own. */
public final class OutboxContents {
  /** One row: the event's id, type and Event bytes, and whether the relay sent it. */
  public record Row(String eventId, String type, byte[] payload, boolean sent) {}

  private OutboxContents() {}

  /** Every row, in event id order. */
  public static List<Row> rows(Connection connection) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT event_id, type, payload, sent_at IS NOT NULL AS sent FROM outbox ORDER BY event_id")) {
      while (result.next()) {
        rows.add(new Row(result.getString("event_id"), result.getString("type"), result.getBytes("payload"),
            result.getBoolean("sent")));
      }
    }
    return rows;
  }
}
