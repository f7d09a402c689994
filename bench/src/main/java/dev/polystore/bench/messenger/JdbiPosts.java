package dev.polystore.bench.messenger;

import dev.polystore.messenger.domain.EventTypes;
import dev.polystore.messenger.domain.Message;
import dev.polystore.messenger.domain.NewMessage;
import dev.polystore.messenger.domain.PostOutcome;
import dev.polystore.messenger.store.MessageRows;
import dev.polystore.messenger.store.PostSql;
import dev.polystore.messenger.store.RoomFacts;
import dev.polystore.platform.ids.UuidV7;
import dev.polystore.platform.postgres.Columns;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresOutbox;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The bench's direct side of PostMessage: the service's own statements ({@link PostSql}) in the
 * same transaction, issued through Jdbi on a thread per post, the usual way to use the driver
 * directly. The service runs them on the asynchronous client (AsyncMessagePosts).
 */
final class JdbiPosts {
  private static final PostSql SQL = PostSql.NAMED;
  private static final MessageRows ROWS = new MessageRows();

  private final Jdbi writer;
  private final OutboxWriter events;
  private final UuidV7 ids;
  private final Clock clock;

  JdbiPosts(Jdbi writer, OutboxWriter events, UuidV7 ids, Clock clock) {
    this.writer = writer;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
  }

  PostOutcome post(NewMessage message) {
    return writer.inTransaction(handle -> {
      if (handle.createQuery(SQL.lock()).bind("roomId", message.roomId()).bind("workspaceId", message.workspaceId())
          .mapTo(UUID.class).findOne().isEmpty()) {
        return new PostOutcome.RoomMissing();
      }
      RoomFacts room = handle.createQuery(SQL.roomFacts()).bind("roomId", message.roomId())
          .bind("authorId", message.authorId())
          .map((row, ctx) -> new RoomFacts(Columns.uuid(row, "workspace_id"), row.getBoolean("member"),
              Optional.ofNullable(Columns.uuid(row, "last_message_id"))))
          .one();
      if (room.member()) {
        Optional<Message> inserted = insert(handle, message, room);
        if (inserted.isPresent()) {
          return new PostOutcome.Created(inserted.get());
        }
      }
      return handle.createQuery(SQL.findByKey()).bind("roomId", message.roomId()).bind("authorId", message.authorId())
          .bind("clientMessageId", message.clientMessageId())
          .map(ROWS).findOne()
          .<PostOutcome>map(PostOutcome.Repeated::new)
          .orElseGet(PostOutcome.NotMember::new);
    });
  }

  private Optional<Message> insert(Handle handle, NewMessage message, RoomFacts room) {
    UUID id = room.nextMessageId(ids);
    Message posted = message.posted(id, room.workspaceId(), clock.instant());
    return PostgresOutbox.bindEvent(handle.createQuery(SQL.insert()), events.row(EventTypes.MESSAGE_POSTED,
            room.workspaceId(), id, posted))
        .bind("roomId", message.roomId())
        .bind("messageId", id)
        .bind("workspaceId", room.workspaceId())
        .bind("authorId", message.authorId())
        .bind("clientMessageId", message.clientMessageId())
        .bind("body", message.body())
        .bind("createdAt", posted.createdAt().atOffset(ZoneOffset.UTC))
        .map(ROWS)
        .findOne();
  }
}
