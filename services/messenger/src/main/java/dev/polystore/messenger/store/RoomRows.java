package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.Room;
import dev.polystore.platform.postgres.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link #COLUMNS} (of rooms aliased r) to a {@link Room}, its member count counted. */
final class RoomRows implements RowMapper<Room> {
  static final String COLUMNS = "r.room_id, r.workspace_id, r.name, r.created_at,"
      + " (SELECT count(*) FROM room_members m WHERE m.room_id = r.room_id) AS member_count";

  @Override
  public Room map(ResultSet row, StatementContext ctx) throws SQLException {
    return new Room(Columns.uuid(row, "room_id"), Columns.uuid(row, "workspace_id"), row.getString("name"),
        row.getInt("member_count"), Columns.instant(row, "created_at"));
  }
}
