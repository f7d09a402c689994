package dev.polystore.messenger.api;

import dev.polystore.events.v1.Event;
import dev.polystore.events.v1.MessageDeleted;
import dev.polystore.events.v1.MessageEdited;
import dev.polystore.events.v1.MessagePosted;
import dev.polystore.messenger.domain.EventTypes;
import dev.polystore.messenger.domain.Message;
import dev.polystore.platform.events.Change;
import dev.polystore.platform.events.ChangeEncoder;
import dev.polystore.platform.events.EventEnvelope;
import dev.polystore.platform.grpc.Timestamps;

/** Messenger's changes as polystore.events.v1 events: message events carry the message, the rest the envelope. */
public final class MessengerEvents implements ChangeEncoder {
  @Override
  public byte[] encode(Change change) {
    Event.Builder event = EventEnvelope.of(change);
    if (change.detail() instanceof Message message) {
      switch (change.type()) {
        case EventTypes.MESSAGE_POSTED -> event.setMessagePosted(posted(message));
        case EventTypes.MESSAGE_EDITED -> event.setMessageEdited(edited(message));
        case EventTypes.MESSAGE_DELETED -> event.setMessageDeleted(deleted(message));
        default -> { } // the envelope says all
      }
    }
    return event.build().toByteArray();
  }

  private static MessagePosted posted(Message message) {
    return MessagePosted.newBuilder()
        .setWorkspaceId(message.workspaceId().toString())
        .setRoomId(message.roomId().toString())
        .setMessageId(message.id().toString())
        .setAuthorId(message.authorId().toString())
        .setBody(message.body())
        .setCreateTime(Timestamps.of(message.createdAt()))
        .build();
  }

  private static MessageEdited edited(Message message) {
    MessageEdited.Builder edited = MessageEdited.newBuilder()
        .setWorkspaceId(message.workspaceId().toString())
        .setRoomId(message.roomId().toString())
        .setMessageId(message.id().toString())
        .setAuthorId(message.authorId().toString())
        .setBody(message.body())
        .setCreateTime(Timestamps.of(message.createdAt()));
    message.editedAt().ifPresent(at -> edited.setEditTime(Timestamps.of(at)));
    return edited.build();
  }

  private static MessageDeleted deleted(Message message) {
    MessageDeleted.Builder deleted = MessageDeleted.newBuilder()
        .setWorkspaceId(message.workspaceId().toString())
        .setRoomId(message.roomId().toString())
        .setMessageId(message.id().toString())
        .setAuthorId(message.authorId().toString());
    message.deletedAt().ifPresent(at -> deleted.setDeleteTime(Timestamps.of(at)));
    return deleted.build();
  }
}
