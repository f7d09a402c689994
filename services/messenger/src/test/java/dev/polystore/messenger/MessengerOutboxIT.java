package dev.polystore.messenger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.events.v1.Event;
import dev.polystore.messenger.v1.DeleteMessageRequest;
import dev.polystore.messenger.v1.EditMessageRequest;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.Room;
import dev.polystore.platform.postgres.testing.OutboxContents;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every committed write of messenger leaves exactly one event in its outbox, written in the write's
 * transaction: a refused write leaves none (also MessengerBadInputIT, whose table digests include
 * the outbox) and a repeat of an idempotent write adds none.
 */
class MessengerOutboxIT {
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();

  @Test
  void aMessageLifeIsFourEventsWithThePayloadsAConsumerNeeds() throws Exception {
    UUID workspace = UUID.randomUUID();
    UUID author = UUID.randomUUID();
    Room room = messenger.createRoom(workspace, "lifecycle", author);
    Message posted = messenger.post(room, author, "hello there", "once").getMessage();
    messenger.post(room, author, "hello there", "once"); // a retry: the same message, no event
    messenger.stub().editMessage(EditMessageRequest.newBuilder().setWorkspaceId(workspace.toString())
        .setMessageId(posted.getMessageId()).setAuthorId(author.toString()).setBody("hello, edited").build());
    DeleteMessageRequest delete = DeleteMessageRequest.newBuilder().setWorkspaceId(workspace.toString())
        .setMessageId(posted.getMessageId()).setAuthorId(author.toString()).build();
    messenger.stub().deleteMessage(delete);
    messenger.stub().deleteMessage(delete); // idempotent: changes nothing, no event

    List<Event> events = events(workspace);

    assertEquals(List.of("room.created", "message.posted", "message.edited", "message.deleted"),
        events.stream().map(Event::getType).toList());
    Event created = events.get(0);
    assertEquals(room.getRoomId(), created.getSubjectId());
    assertEquals("admin", created.getActor());
    assertEquals(Event.PayloadCase.PAYLOAD_NOT_SET, created.getPayloadCase());
    Event post = events.get(1);
    assertEquals(posted.getMessageId(), post.getSubjectId());
    assertEquals(posted.getMessageId(), post.getMessagePosted().getMessageId());
    assertEquals(room.getRoomId(), post.getMessagePosted().getRoomId());
    assertEquals(author.toString(), post.getMessagePosted().getAuthorId());
    assertEquals("hello there", post.getMessagePosted().getBody());
    assertEquals(posted.getCreateTime(), post.getMessagePosted().getCreateTime());
    assertEquals("hello, edited", events.get(2).getMessageEdited().getBody());
    assertEquals(true, events.get(2).getMessageEdited().hasEditTime());
    assertEquals(posted.getMessageId(), events.get(3).getMessageDeleted().getMessageId());
    assertEquals(true, events.get(3).getMessageDeleted().hasDeleteTime());
  }

  @Test
  void membershipChangesAreEventsAndARefusedOneIsNone() throws Exception {
    UUID workspace = UUID.randomUUID();
    UUID member = UUID.randomUUID();
    UUID stranger = UUID.randomUUID();
    Room room = messenger.createRoom(workspace, "members", member);
    messenger.stub().addRoomMember(dev.polystore.messenger.v1.AddRoomMemberRequest.newBuilder()
        .setWorkspaceId(workspace.toString()).setRoomId(room.getRoomId()).setUserId(stranger.toString()).build());
    messenger.stub().removeRoomMember(dev.polystore.messenger.v1.RemoveRoomMemberRequest.newBuilder()
        .setWorkspaceId(workspace.toString()).setRoomId(room.getRoomId()).setUserId(stranger.toString()).build());

    // Refused in the transaction that would have written the event: the stranger is no member now.
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> messenger.post(room, stranger, "let me in", "refused"));

    assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    assertEquals(List.of("room.created", "room.member_added", "room.member_removed"),
        events(workspace).stream().map(Event::getType).toList());
  }

  /** The workspace's events in the outbox, in id (commit) order. */
  private static List<Event> events(UUID workspace) throws Exception {
    List<Event> events = new ArrayList<>();
    try (Connection connection = messenger.served.connect()) {
      for (OutboxContents.Row row : OutboxContents.rows(connection)) {
        Event event = Event.parseFrom(row.payload());
        assertEquals(row.eventId(), event.getEventId());
        assertEquals(row.type(), event.getType());
        if (event.getWorkspaceId().equals(workspace.toString())) {
          events.add(event);
        }
      }
    }
    return events;
  }
}
