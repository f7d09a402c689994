package dev.polystore.messenger;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.messenger.v1.DeleteMessageRequest;
import dev.polystore.messenger.v1.EditMessageRequest;
import dev.polystore.messenger.v1.GetMessageRequest;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.PostMessageResponse;
import dev.polystore.messenger.v1.RemoveRoomMemberRequest;
import dev.polystore.messenger.v1.Room;
import dev.polystore.platform.testing.Concurrently;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Posting, reading, editing and deleting messages over a real channel against a real PostgreSQL. */
class MessengerMessagesIT {
  private static final UUID WORKSPACE = UUID.randomUUID();
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();


  @Test
  void postsAMessageThatReadsBackRightAway() {
    UUID author = UUID.randomUUID();
    Room room = room(author);

    PostMessageResponse posted = messenger.post(room, author, "hello, room", "first-post");

    Message message = posted.getMessage();
    assertTrue(posted.getCreated());
    assertEquals(7, UUID.fromString(message.getMessageId()).version());
    assertEquals(room.getRoomId(), message.getRoomId());
    assertEquals(WORKSPACE.toString(), message.getWorkspaceId());
    assertEquals(author.toString(), message.getAuthorId());
    assertEquals("first-post", message.getClientMessageId());
    assertEquals("hello, room", message.getBody());
    assertTrue(message.hasCreateTime());
    assertFalse(message.hasEditTime() || message.hasDeleteTime());
    assertEquals(message, get(message.getMessageId()));
  }

  @Test
  void laterMessagesOfARoomHaveGreaterIds() throws SQLException {
    UUID author = UUID.randomUUID();
    Room room = room(author);

    List<UUID> ids = List.of(
        id(messenger.post(room, author, "one")),
        id(messenger.post(room, author, "two")),
        id(messenger.post(room, author, "three")));

    // PostgreSQL's order of uuid values, which is the order the store pages by.
    assertEquals(ids, sortedInDatabase(ids));
  }

  @Test
  void aRetryReturnsTheFirstMessageAndWritesNothing() throws Exception {
    UUID author = UUID.randomUUID();
    Room room = room(author);
    PostMessageResponse first = messenger.post(room, author, "once only", "retry-key");
    Map<String, String> before = messenger.served.tableContents();

    PostMessageResponse retry = messenger.post(room, author, "once only, sent again", "retry-key");

    assertFalse(retry.getCreated());
    assertEquals(first.getMessage(), retry.getMessage());
    assertEquals(before, messenger.served.tableContents());
  }

  @Test
  void theKeyIsTheAuthorsOwn() {
    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    Room room = room(alice, bob);

    Message fromAlice = messenger.post(room, alice, "from alice", "same-key").getMessage();
    Message fromBob = messenger.post(room, bob, "from bob", "same-key").getMessage();

    assertNotEquals(fromAlice.getMessageId(), fromBob.getMessageId());
    assertEquals("from bob", fromBob.getBody());
  }

  @Test
  void concurrentRetriesLeaveOneMessage() throws Exception {
    UUID author = UUID.randomUUID();
    Room room = room(author);

    List<Concurrently.Outcome<PostMessageResponse>> outcomes =
        Concurrently.run(16, i -> messenger.post(room, author, "flaky network " + i, "concurrent-key"));

    assertTrue(outcomes.stream().allMatch(o -> o.code() == Status.Code.OK), () -> "outcomes: " + outcomes);
    assertEquals(1, outcomes.stream().filter(o -> o.answer().getCreated()).count());
    assertEquals(1, outcomes.stream().map(o -> o.answer().getMessage()).distinct().count());
    assertEquals(1, countRows("SELECT count(*) FROM messages WHERE room_id = ?::uuid", room.getRoomId()));
  }

  @Test
  void onlyMembersMayPost() throws Exception {
    UUID member = UUID.randomUUID();
    Room room = room(member);
    Map<String, String> before = messenger.served.tableContents();

    assertStatus(Status.Code.PERMISSION_DENIED, () -> messenger.post(room, UUID.randomUUID(), "let me in"));
    Room missing = room.toBuilder().setRoomId(UUID.randomUUID().toString()).build();
    assertStatus(Status.Code.NOT_FOUND, () -> messenger.post(missing, member, "anyone there?"));
    assertEquals(before, messenger.served.tableContents());
  }

  @Test
  void anAuthorWhoLeftGetsTheFirstMessageOnRetryButCannotPostAgain() {
    UUID author = UUID.randomUUID();
    Room room = room(author, UUID.randomUUID());
    PostMessageResponse first = messenger.post(room, author, "goodbye", "leaving-key");
    messenger.stub().removeRoomMember(RemoveRoomMemberRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setRoomId(room.getRoomId()).setUserId(author.toString()).build());

    PostMessageResponse retry = messenger.post(room, author, "goodbye", "leaving-key");

    assertEquals(first.getMessage(), retry.getMessage());
    assertFalse(retry.getCreated());
    assertStatus(Status.Code.PERMISSION_DENIED, () -> messenger.post(room, author, "one more thing"));
  }

  @Test
  void theAuthorEditsAndTheEtagChanges() {
    UUID author = UUID.randomUUID();
    Message posted = messenger.post(room(author), author, "helo");

    Message edited = edit(posted, author, "hello", posted.getEtag());

    assertEquals("hello", edited.getBody());
    assertNotEquals(posted.getEtag(), edited.getEtag());
    assertTrue(edited.hasEditTime());
    assertEquals(posted.getCreateTime(), edited.getCreateTime());
    assertEquals(edited, get(posted.getMessageId()));
    assertEquals("hello again", edit(edited, author, "hello again", "").getBody());
  }

  @Test
  void refusesEditsByOthersOverUnseenChangesAndOfTombstones() throws Exception {
    UUID author = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    Message posted = messenger.post(room(author, other), author, "original");
    edit(posted, author, "changed", posted.getEtag());
    Map<String, String> before = messenger.served.tableContents();

    assertStatus(Status.Code.PERMISSION_DENIED, () -> edit(posted, other, "hijacked", ""));
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> edit(posted, author, "stale", posted.getEtag()));
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> edit(posted, author, "made up", "not-an-etag"));
    assertEquals(before, messenger.served.tableContents());

    delete(posted, author, "");
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> edit(posted, author, "revived", ""));
  }

  @Test
  void deletingLeavesATombstoneAndIsSafeToRetry() throws Exception {
    UUID author = UUID.randomUUID();
    Room room = room(author);
    messenger.post(room, author, "before");
    PostMessageResponse posted = messenger.post(room, author, "a secret", "secret-key");
    messenger.post(room, author, "after");

    Message tombstone = delete(posted.getMessage(), author, posted.getMessage().getEtag());

    assertEquals(posted.getMessage().getMessageId(), tombstone.getMessageId());
    assertEquals("", tombstone.getBody());
    assertTrue(tombstone.hasDeleteTime());
    assertEquals(tombstone, get(tombstone.getMessageId()));
    assertEquals(List.of("after", "", "before"),
        messenger.latest(room, 10).getMessagesList().stream().map(Message::getBody).toList());
    assertEquals(tombstone, delete(posted.getMessage(), author, posted.getMessage().getEtag()));
    // The key stays taken: a late retry of the post gets the tombstone, not a new message.
    assertEquals(tombstone, messenger.post(room, author, "a secret", "secret-key").getMessage());
    assertEquals(0, countRows("SELECT count(*) FROM messages WHERE body LIKE '%secret%'"));
  }

  @Test
  void refusesDeletesByOthersAndOverUnseenChanges() throws Exception {
    UUID author = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    Message posted = messenger.post(room(author, other), author, "keep me");
    Message edited = edit(posted, author, "keep me, edited", "");
    Map<String, String> before = messenger.served.tableContents();

    assertStatus(Status.Code.PERMISSION_DENIED, () -> delete(posted, other, ""));
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> delete(posted, author, posted.getEtag()));
    assertEquals(before, messenger.served.tableContents());
    assertEquals("", delete(edited, author, edited.getEtag()).getBody());
  }

  @Test
  void answersNotFoundForUnknownMessages() {
    String unknown = UUID.randomUUID().toString();
    Message ghost = Message.newBuilder().setWorkspaceId(WORKSPACE.toString()).setMessageId(unknown).build();

    assertStatus(Status.Code.NOT_FOUND, () -> get(unknown));
    assertStatus(Status.Code.NOT_FOUND, () -> edit(ghost, UUID.randomUUID(), "boo", ""));
    assertStatus(Status.Code.NOT_FOUND, () -> delete(ghost, UUID.randomUUID(), ""));
  }

  // Helpers

  private static Room room(UUID... members) {
    return messenger.createRoom(WORKSPACE, "room " + UUID.randomUUID(), members);
  }

  private static Message get(String messageId) {
    return messenger.stub().getMessage(GetMessageRequest.newBuilder().setWorkspaceId(WORKSPACE.toString())
        .setMessageId(messageId).build()).getMessage();
  }

  private static Message edit(Message message, UUID authorId, String body, String etag) {
    return messenger.stub().editMessage(EditMessageRequest.newBuilder().setWorkspaceId(message.getWorkspaceId())
        .setMessageId(message.getMessageId())
        .setAuthorId(authorId.toString()).setBody(body).setEtag(etag).build()).getMessage();
  }

  private static Message delete(Message message, UUID authorId, String etag) {
    return messenger.stub().deleteMessage(DeleteMessageRequest.newBuilder().setWorkspaceId(message.getWorkspaceId())
        .setMessageId(message.getMessageId())
        .setAuthorId(authorId.toString()).setEtag(etag).build()).getMessage();
  }

  private static UUID id(Message message) {
    return UUID.fromString(message.getMessageId());
  }

  private static List<UUID> sortedInDatabase(List<UUID> ids) throws SQLException {
    try (Connection connection = messenger.served.connect(); PreparedStatement query = connection.prepareStatement(
        "SELECT id FROM unnest(?::uuid[]) AS t(id) ORDER BY id")) {
      query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        List<UUID> sorted = new ArrayList<>();
        while (rows.next()) {
          sorted.add(rows.getObject(1, UUID.class));
        }
        return sorted;
      }
    }
  }

  private static long countRows(String sql, String... parameters) throws Exception {
    try (Connection connection = messenger.served.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
