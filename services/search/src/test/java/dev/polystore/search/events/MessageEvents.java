package dev.polystore.search.events;

import com.google.protobuf.Timestamp;
import dev.polystore.events.v1.Event;
import dev.polystore.events.v1.MessageDeleted;
import dev.polystore.events.v1.MessageEdited;
import dev.polystore.events.v1.MessagePosted;
import dev.polystore.platform.events.OutboxRow;
import dev.polystore.platform.ids.UuidV7;
import java.time.Instant;
import java.util.UUID;

/** Messenger's events as its outbox rows carry them, for publishing in tests. */
final class MessageEvents {
  private static final UuidV7 IDS = UuidV7.create();

  private MessageEvents() {}

  static OutboxRow posted(String workspace, String room, String message, String body) {
    return row(envelope("message.posted", workspace, message)
        .setMessagePosted(MessagePosted.newBuilder().setWorkspaceId(workspace).setRoomId(room).setMessageId(message)
            .setAuthorId("user-1").setBody(body).setCreateTime(now()))
        .build());
  }

  static OutboxRow edited(String workspace, String room, String message, String body) {
    return row(envelope("message.edited", workspace, message)
        .setMessageEdited(MessageEdited.newBuilder().setWorkspaceId(workspace).setRoomId(room).setMessageId(message)
            .setAuthorId("user-1").setBody(body).setCreateTime(now()).setEditTime(now()))
        .build());
  }

  static OutboxRow deleted(String workspace, String room, String message) {
    return row(envelope("message.deleted", workspace, message)
        .setMessageDeleted(MessageDeleted.newBuilder().setWorkspaceId(workspace).setRoomId(room).setMessageId(message)
            .setAuthorId("user-1").setDeleteTime(now()))
        .build());
  }

  private static Event.Builder envelope(String type, String workspace, String message) {
    return Event.newBuilder().setEventId(IDS.next().toString()).setType(type).setWorkspaceId(workspace)
        .setSubjectId(message).setActor("user-1").setOccurredAt(now());
  }

  private static OutboxRow row(Event event) {
    return new OutboxRow(UUID.fromString(event.getEventId()), event.getType(), event.toByteArray());
  }

  private static Timestamp now() {
    Instant now = Instant.now();
    return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
  }
}
