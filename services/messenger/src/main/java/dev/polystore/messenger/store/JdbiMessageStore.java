package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.EventTypes;
import dev.polystore.messenger.domain.Message;
import dev.polystore.messenger.domain.MessageStore;
import dev.polystore.messenger.domain.SearchHit;
import dev.polystore.messenger.domain.SearchPageRequest;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresPools;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Messages in PostgreSQL. */
public final class JdbiMessageStore implements MessageStore {
  private static final MessageRows ROWS = new MessageRows();
  private static final String RANK = "ts_rank(m.search_vector, q.query)";

  /** A message of the workspace only: one of another workspace is not found, as if it did not exist. */
  static final String FIND = "SELECT " + MessageRows.COLUMNS + " FROM messages"
      + " WHERE message_id = :messageId AND workspace_id = :workspaceId";
  static final String EDIT = "UPDATE messages SET body = :body, version = version + 1, edited_at = now()"
      + " WHERE room_id = :roomId AND message_id = :messageId AND deleted_at IS NULL"
      + " AND (:anyVersion OR version = :expectedVersion)"
      + " RETURNING " + MessageRows.COLUMNS;
  static final String DELETE = "UPDATE messages SET body = '', version = version + 1, deleted_at = now()"
      + " WHERE room_id = :roomId AND message_id = :messageId AND deleted_at IS NULL"
      + " AND (:anyVersion OR version = :expectedVersion)"
      + " RETURNING " + MessageRows.COLUMNS;

  private final Jdbi writer;
  private final Jdbi reader;
  private final OutboxWriter events;

  public JdbiMessageStore(PostgresPools pools, OutboxWriter events) {
    this.writer = pools.writer();
    this.reader = pools.reader();
    this.events = events;
  }

  @Override
  public Optional<Message> find(UUID workspaceId, UUID messageId) {
    // Writer: GetMessage right after PostMessage or EditMessage must see that write, and so must
    // the checks before an edit or a delete.
    return writer.withHandle(handle -> handle.createQuery(FIND)
        .bind("messageId", messageId)
        .bind("workspaceId", workspaceId)
        .map(ROWS)
        .findOne());
  }

  @Override
  public Optional<Message> edit(Message current, String body, OptionalLong expectedVersion) {
    return writer.inTransaction(handle -> recorded(handle, EventTypes.MESSAGE_EDITED,
        change(handle, EDIT, current, expectedVersion).bind("body", body).map(ROWS).findOne()));
  }

  @Override
  public Optional<Message> delete(Message current, OptionalLong expectedVersion) {
    return writer.inTransaction(handle -> recorded(handle, EventTypes.MESSAGE_DELETED,
        change(handle, DELETE, current, expectedVersion).map(ROWS).findOne()));
  }

  @Override
  public List<SearchHit> search(UUID workspaceId, Optional<UUID> roomId, String query, SearchPageRequest page) {
    // Reader: search may be a moment behind.
    return reader.withHandle(handle -> {
      Query statement = handle.createQuery(searchSql(roomId.isPresent(), page.after().isPresent()))
          .bind("workspaceId", workspaceId)
          .bind("query", query)
          .bind("fetchSize", page.fetchSize());
      roomId.ifPresent(id -> statement.bind("roomId", id));
      page.after().ifPresent(cursor -> statement.bind("afterRank", cursor.rank()).bind("afterId", cursor.messageId()));
      return statement.map((row, ctx) -> new SearchHit(ROWS.map(row, ctx), row.getFloat("rank"))).list();
    });
  }

  /**
   * Ranked matches through the GIN index on search_vector, in (rank, id) descending order; a next
   * page continues strictly below the cursor's pair. websearch_to_tsquery never fails on user input.
   */
  static String searchSql(boolean inRoom, boolean afterCursor) {
    return "SELECT " + MessageRows.COLUMNS + ", " + RANK + " AS rank"
        + " FROM messages m, websearch_to_tsquery('english', :query) AS q(query)"
        + " WHERE m.workspace_id = :workspaceId AND m.search_vector @@ q.query AND m.deleted_at IS NULL"
        + (inRoom ? " AND m.room_id = :roomId" : "")
        + (afterCursor ? " AND (" + RANK + ", m.message_id) < (:afterRank, :afterId)" : "")
        + " ORDER BY rank DESC, m.message_id DESC LIMIT :fetchSize";
  }

  /** An edit or delete, by the full primary key, guarded by the version when there is one to expect. */
  private static Query change(Handle handle, String sql, Message current,
      OptionalLong expectedVersion) {
    return handle.createQuery(sql)
        .bind("roomId", current.roomId())
        .bind("messageId", current.id())
        .bind("anyVersion", expectedVersion.isEmpty())
        .bind("expectedVersion", expectedVersion.orElse(0));
  }

  /** The changed message's event, in the change's transaction; nothing when nothing changed. */
  private Optional<Message> recorded(Handle handle, String type, Optional<Message> changed) {
    changed.ifPresent(message -> events.record(handle, type, message.workspaceId(), message.id(), message));
    return changed;
  }
}
