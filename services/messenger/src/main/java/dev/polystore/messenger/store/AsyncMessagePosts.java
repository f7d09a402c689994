package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.EventTypes;
import dev.polystore.messenger.domain.Message;
import dev.polystore.messenger.domain.MessagePosts;
import dev.polystore.messenger.domain.NewMessage;
import dev.polystore.messenger.domain.PostOutcome;
import dev.polystore.platform.ids.UuidV7;
import dev.polystore.platform.postgres.AsyncTransaction;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresAsyncClient;
import dev.polystore.platform.postgres.PostgresOutbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Posts as one transaction on the asynchronous client ({@link PostSql}'s statements): the room's
 * lock, what the post needs to know under it, then the message and its event in one statement, or
 * the message an earlier post with the same key made. The room's lock serialises its posts and
 * membership changes: ids grow in commit order, a removed member's post cannot commit after the
 * removal, and concurrent retries of one key run one after the other.
 *
 * <p>The message's creation time is taken here, not by the database, so that its event, encoded
 * before the statement runs, carries the time the row gets.
 */
public final class AsyncMessagePosts implements MessagePosts {
  private static final PostSql SQL = PostSql.POSITIONAL;

  private final PostgresAsyncClient client;
  private final OutboxWriter events;
  private final Clock clock;

  public AsyncMessagePosts(PostgresAsyncClient client, OutboxWriter events, Clock clock) {
    this.client = client;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public CompletionStage<PostOutcome> post(NewMessage message, UuidV7 ids) {
    return client.inTransaction(transaction -> transaction
        .select(SQL.lock(), Tuple.of(message.roomId(), message.workspaceId()), rows -> rows.size() > 0)
        .compose(locked -> locked
            ? underLock(transaction, message, ids)
            : Future.succeededFuture(new PostOutcome.RoomMissing())));
  }

  private Future<PostOutcome> underLock(AsyncTransaction transaction, NewMessage message, UuidV7 ids) {
    return transaction.select(SQL.roomFacts(), Tuple.of(message.roomId(), message.authorId()), AsyncMessagePosts::roomFacts)
        .compose(room -> room.member()
            ? insert(transaction, message, room, ids)
                .compose(inserted -> inserted.isPresent()
                    ? Future.succeededFuture(new PostOutcome.Created(inserted.get()))
                    : earlier(transaction, message))
            : earlier(transaction, message));
  }

  /** The new message and its event; empty when the author's key was used before (a retry). */
  private Future<Optional<Message>> insert(AsyncTransaction transaction, NewMessage message, RoomFacts room,
      UuidV7 ids) {
    UUID id = room.nextMessageId(ids);
    Message posted = message.posted(id, room.workspaceId(), clock.instant());
    Tuple arguments = Tuple.of(message.roomId(), id, room.workspaceId(), message.authorId(), message.clientMessageId(),
        message.body()).addOffsetDateTime(posted.createdAt().atOffset(ZoneOffset.UTC));
    PostgresOutbox.addEvent(arguments, events.row(EventTypes.MESSAGE_POSTED, room.workspaceId(), id, posted));
    return transaction.change(SQL.insert(), arguments, AsyncMessageRows::first);
  }

  /**
   * A retry, also of an author who has left the room since; the room's lock made any earlier post
   * with this key commit before this statement's snapshot. Not a member when there is none.
   */
  private static Future<PostOutcome> earlier(AsyncTransaction transaction, NewMessage message) {
    return transaction.select(SQL.findByKey(), Tuple.of(message.roomId(), message.authorId(), message.clientMessageId()),
        rows -> AsyncMessageRows.first(rows).<PostOutcome>map(PostOutcome.Repeated::new)
            .orElseGet(PostOutcome.NotMember::new));
  }

  private static RoomFacts roomFacts(RowSet<Row> rows) {
    Row row = rows.iterator().next();
    return new RoomFacts(row.getUUID("workspace_id"), row.getBoolean("member"),
        Optional.ofNullable(row.getUUID("last_message_id")));
  }
}
