package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.Message;
import dev.polystore.messenger.domain.MessagePages;
import dev.polystore.messenger.domain.MessageRange;
import dev.polystore.platform.postgres.PostgresAsyncClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Pages of a room on the asynchronous client: the page from the reader, the room's existence from the writer. */
public final class AsyncMessagePages implements MessagePages {
  private static final String ROOM_EXISTS =
      "SELECT EXISTS (SELECT 1 FROM rooms WHERE room_id = $1 AND workspace_id = $2)";

  private final PostgresAsyncClient reads;

  public AsyncMessagePages(PostgresAsyncClient reads) {
    this.reads = reads;
  }

  @Override
  public CompletionStage<List<Message>> list(UUID workspaceId, UUID roomId, MessageRange range) {
    Tuple arguments = Tuple.of(roomId, workspaceId, range.fetchSize());
    range.cursor().ifPresent(arguments::addUUID);
    // Reader: a page of history may be a moment behind.
    return reads.selectMayLag(MessagePageSql.positional(range.direction()), arguments, AsyncMessageRows::all);
  }

  @Override
  public CompletionStage<Boolean> roomExists(UUID workspaceId, UUID roomId) {
    // Writer: a room created just now exists.
    return reads.select(ROOM_EXISTS, Tuple.of(roomId, workspaceId), rows -> rows.iterator().next().getBoolean(0));
  }
}
