package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.Message;
import dev.polystore.platform.postgres.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link #COLUMNS} to a {@link Message}. Never the search vector: no caller reads it. */
public final class MessageRows implements RowMapper<Message> {
  static final String COLUMNS = "room_id, message_id, workspace_id, author_id, client_message_id, body, version,"
      + " created_at, edited_at, deleted_at";

  @Override
  public Message map(ResultSet row, StatementContext ctx) throws SQLException {
    return new Message(Columns.uuid(row, "message_id"), Columns.uuid(row, "room_id"), Columns.uuid(row, "workspace_id"),
        Columns.uuid(row, "author_id"), row.getString("client_message_id"), row.getString("body"),
        Columns.instant(row, "created_at"), Columns.optionalInstant(row, "edited_at"),
        Columns.optionalInstant(row, "deleted_at"), row.getLong("version"));
  }
}
