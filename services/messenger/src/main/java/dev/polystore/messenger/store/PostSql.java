package dev.polystore.messenger.store;

import dev.polystore.platform.postgres.PostgresOutbox;

/**
 * The statements of a post, in their order within its transaction ({@link AsyncMessagePosts}), in
 * PostgreSQL's positional spelling of their parameters and in Jdbi's named one (for the bench's
 * direct side, which runs them over JDBC).
 *
 * @param lock the room's lock, taken by its id and workspace: no row when there is no such room
 * @param roomFacts what a post needs once it holds the lock: the workspace, whether the author is a
 *     member, and the room's greatest id, read from the end of the primary key (uuid has no max())
 * @param insert the message, with its event in the same statement, both only when the author's key
 *     is new; the inserted row when it was
 * @param findByKey the message an earlier post with the author's key made
 */
public record PostSql(String lock, String roomFacts, String insert, String findByKey) {
  /**
   * lock: $1 room, $2 workspace; roomFacts: $1 room, $2 author; insert: $1 room, $2 message id, $3
   * workspace, $4 author, $5 key, $6 body, $7 created at, then the event's ({@link
   * PostgresOutbox#addEvent}); findByKey: $1 room, $2 author, $3 key.
   */
  public static final PostSql POSITIONAL = new PostSql(
      lock("$1", "$2"),
      roomFacts("$1", "$2"),
      PostgresOutbox.withEvent(insert("$1", "$2", "$3", "$4", "$5", "$6", "$7"), "$8", "$9", "$10"),
      findByKey("$1", "$2", "$3"));
  /** The same with :roomId, :workspaceId, :authorId, :messageId, :clientMessageId, :body, :createdAt and the event's. */
  public static final PostSql NAMED = new PostSql(
      lock(":roomId", ":workspaceId"),
      roomFacts(":roomId", ":authorId"),
      PostgresOutbox.withEvent(insert(":roomId", ":messageId", ":workspaceId", ":authorId", ":clientMessageId",
          ":body", ":createdAt")),
      findByKey(":roomId", ":authorId", ":clientMessageId"));

  private static String lock(String roomId, String workspaceId) {
    return "SELECT room_id FROM rooms WHERE room_id = " + roomId + " AND workspace_id = " + workspaceId
        + " FOR NO KEY UPDATE";
  }

  private static String roomFacts(String roomId, String authorId) {
    return "SELECT r.workspace_id,"
        + " EXISTS (SELECT 1 FROM room_members rm WHERE rm.room_id = r.room_id AND rm.user_id = " + authorId
        + ") AS member,"
        + " (SELECT m.message_id FROM messages m WHERE m.room_id = r.room_id ORDER BY m.message_id DESC LIMIT 1)"
        + " AS last_message_id"
        + " FROM rooms r WHERE r.room_id = " + roomId;
  }

  private static String insert(String roomId, String messageId, String workspaceId, String authorId,
      String clientMessageId, String body, String createdAt) {
    return "INSERT INTO messages (room_id, message_id, workspace_id, author_id, client_message_id, body, created_at)"
        + " VALUES (" + String.join(", ", roomId, messageId, workspaceId, authorId, clientMessageId, body, createdAt)
        + ") ON CONFLICT (room_id, author_id, client_message_id) DO NOTHING"
        + " RETURNING " + MessageRows.COLUMNS;
  }

  private static String findByKey(String roomId, String authorId, String clientMessageId) {
    return "SELECT " + MessageRows.COLUMNS + " FROM messages"
        + " WHERE room_id = " + roomId + " AND author_id = " + authorId + " AND client_message_id = " + clientMessageId;
  }
}
