package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.RoomMember;
import dev.polystore.platform.postgres.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link #COLUMNS} to a {@link RoomMember}. */
final class RoomMemberRows implements RowMapper<RoomMember> {
  static final String COLUMNS = "room_id, user_id, created_at";

  @Override
  public RoomMember map(ResultSet row, StatementContext ctx) throws SQLException {
    return new RoomMember(Columns.uuid(row, "room_id"), Columns.uuid(row, "user_id"), Columns.instant(row, "created_at"));
  }
}
