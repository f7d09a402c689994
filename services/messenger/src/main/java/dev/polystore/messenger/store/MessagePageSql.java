package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.Direction;

/**
 * The query of a page of a room, by the primary key (room_id, message_id), read forwards or
 * backwards from the cursor: the keyset is the id alone, which only grows (see {@link
 * JdbiMessageStore#post}). A room of another workspace pages as empty: the room is checked once, by
 * its primary key, in an uncorrelated EXISTS (a one-time filter), not row by row, which would cost
 * the planner its range scan. The same statement in two spellings of its parameters.
 */
public final class MessagePageSql {
  private MessagePageSql() {}

  /** PostgreSQL's own: $1 the room, $2 the workspace, $3 the rows to fetch, $4 the cursor. */
  public static String positional(Direction direction) {
    return sql(direction, "$1", "$2", "$3", "$4");
  }

  /**
   * Jdbi's: :roomId, :workspaceId, :fetchSize, :cursor; for MessengerQueryPlansIT, which binds them
   * to EXPLAIN the statement, and the bench's direct side, which runs it over JDBC.
   */
  public static String named(Direction direction) {
    return sql(direction, ":roomId", ":workspaceId", ":fetchSize", ":cursor");
  }

  private static String sql(Direction direction, String roomId, String workspaceId, String fetchSize, String cursor) {
    String select = "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE room_id = " + roomId
        + " AND EXISTS (SELECT 1 FROM rooms r WHERE r.room_id = " + roomId + " AND r.workspace_id = " + workspaceId + ")";
    return switch (direction) {
      case LATEST -> select + " ORDER BY message_id DESC LIMIT " + fetchSize;
      case BEFORE -> select + " AND message_id < " + cursor + " ORDER BY message_id DESC LIMIT " + fetchSize;
      case AFTER -> select + " AND message_id > " + cursor + " ORDER BY message_id LIMIT " + fetchSize;
    };
  }
}
