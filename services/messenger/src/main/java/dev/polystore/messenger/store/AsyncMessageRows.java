package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.Message;
import dev.polystore.platform.postgres.Columns;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@link MessageRows#COLUMNS} from the asynchronous client, as {@link MessageRows} maps a JDBC row. */
final class AsyncMessageRows {
  private AsyncMessageRows() {}

  static List<Message> all(RowSet<Row> rows) {
    List<Message> messages = new ArrayList<>(rows.size());
    for (Row row : rows) {
      messages.add(message(row));
    }
    return messages;
  }

  /** The first row's message; empty when there is none. */
  static Optional<Message> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(message(rows.iterator().next()));
  }

  private static Message message(Row row) {
    return new Message(row.getUUID("message_id"), row.getUUID("room_id"), row.getUUID("workspace_id"),
        row.getUUID("author_id"), row.getString("client_message_id"), row.getString("body"),
        Columns.instant(row, "created_at"), Columns.optionalInstant(row, "edited_at"),
        Columns.optionalInstant(row, "deleted_at"), row.getLong("version"));
  }
}
