package dev.polystore.messenger;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.messenger.v1.AddRoomMemberRequest;
import dev.polystore.messenger.v1.DeleteMessageRequest;
import dev.polystore.messenger.v1.EditMessageRequest;
import dev.polystore.messenger.v1.GetMessageRequest;
import dev.polystore.messenger.v1.GetRoomRequest;
import dev.polystore.messenger.v1.ListMessagesRequest;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.messenger.v1.RemoveRoomMemberRequest;
import dev.polystore.messenger.v1.Room;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room or message of workspace B asked for with workspace A is NOT_FOUND, answered exactly as one
 * that does not exist, and a refused write leaves every stored row as it was.
 */
class MessengerTenancyIT {
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();

  private static final String WORKSPACE_A = UUID.randomUUID().toString();
  private static final UUID AUTHOR = UUID.randomUUID();
  private static Room roomOfB;
  private static Message messageOfB;

  @BeforeAll
  static void seed() {
    roomOfB = messenger.createRoom(UUID.randomUUID(), "of b", AUTHOR);
    messageOfB = messenger.post(roomOfB, AUTHOR, "only for b");
  }

  @Test
  void roomsOfAnotherWorkspaceAreNotFoundLikeUnknownRoomsAndStayUnchanged() throws Exception {
    Map<String, String> before = messenger.served.tableContents();

    assertNotFoundLikeAnUnknownRoom(room -> messenger.stub().getRoom(GetRoomRequest.newBuilder()
        .setWorkspaceId(WORKSPACE_A).setRoomId(room).build()));
    assertNotFoundLikeAnUnknownRoom(room -> messenger.stub().addRoomMember(AddRoomMemberRequest.newBuilder()
        .setWorkspaceId(WORKSPACE_A).setRoomId(room).setUserId(UUID.randomUUID().toString()).build()));
    assertNotFoundLikeAnUnknownRoom(room -> messenger.stub().removeRoomMember(RemoveRoomMemberRequest.newBuilder()
        .setWorkspaceId(WORKSPACE_A).setRoomId(room).setUserId(AUTHOR.toString()).build()));
    assertNotFoundLikeAnUnknownRoom(room -> messenger.stub().postMessage(PostMessageRequest.newBuilder()
        .setWorkspaceId(WORKSPACE_A).setRoomId(room).setAuthorId(AUTHOR.toString()).setBody("sneaking in")
        .setClientMessageId("cross-" + UUID.randomUUID()).build()));
    assertNotFoundLikeAnUnknownRoom(room -> messenger.stub().listMessages(ListMessagesRequest.newBuilder()
        .setWorkspaceId(WORKSPACE_A).setRoomId(room).build()));

    assertEquals(before, messenger.served.tableContents());
  }

  @Test
  void messagesOfAnotherWorkspaceAreNotFoundLikeUnknownMessagesAndStayUnchanged() throws Exception {
    Map<String, String> before = messenger.served.tableContents();

    // By the message's own author, who may edit and delete it in its own workspace.
    assertNotFoundLikeAnUnknownMessage(message -> messenger.stub().getMessage(GetMessageRequest.newBuilder()
        .setWorkspaceId(WORKSPACE_A).setMessageId(message).build()));
    assertNotFoundLikeAnUnknownMessage(message -> messenger.stub().editMessage(EditMessageRequest.newBuilder()
        .setWorkspaceId(WORKSPACE_A).setMessageId(message).setAuthorId(AUTHOR.toString()).setBody("defaced")
        .build()));
    assertNotFoundLikeAnUnknownMessage(message -> messenger.stub().deleteMessage(DeleteMessageRequest.newBuilder()
        .setWorkspaceId(WORKSPACE_A).setMessageId(message).setAuthorId(AUTHOR.toString()).build()));

    assertEquals(before, messenger.served.tableContents());
    assertEquals(messageOfB, messenger.stub().getMessage(GetMessageRequest.newBuilder()
        .setWorkspaceId(roomOfB.getWorkspaceId()).setMessageId(messageOfB.getMessageId()).build()).getMessage());
  }

  @Test
  void aPageFromACursorOfAnotherWorkspacesRoomIsEmpty() {
    Message newer = messenger.post(roomOfB, AUTHOR, "newer, for b");
    ListMessagesRequest olderThanNewer = ListMessagesRequest.newBuilder().setRoomId(roomOfB.getRoomId())
        .setBeforeMessageId(newer.getMessageId()).build();

    assertEquals(List.of(), messenger.stub().listMessages(olderThanNewer.toBuilder().setWorkspaceId(WORKSPACE_A)
        .build()).getMessagesList());
    assertEquals(messageOfB, messenger.stub().listMessages(olderThanNewer.toBuilder()
        .setWorkspaceId(roomOfB.getWorkspaceId()).build()).getMessages(0));
  }

  /** The call is NOT_FOUND for B's room, with the answer it gives for a room id nobody has. */
  private static void assertNotFoundLikeAnUnknownRoom(Function<String, ?> call) {
    assertSameNotFound(call, roomOfB.getRoomId());
  }

  private static void assertNotFoundLikeAnUnknownMessage(Function<String, ?> call) {
    assertSameNotFound(call, messageOfB.getMessageId());
  }

  private static void assertSameNotFound(Function<String, ?> call, String idOfB) {
    String unknown = UUID.randomUUID().toString();
    StatusRuntimeException ofB = assertStatus(Status.Code.NOT_FOUND, () -> call.apply(idOfB));
    StatusRuntimeException ofNobody = assertStatus(Status.Code.NOT_FOUND, () -> call.apply(unknown));
    assertEquals(ofNobody.getStatus().getDescription().replace(unknown, "ID"),
        ofB.getStatus().getDescription().replace(idOfB, "ID"));
    assertEquals(ofNobody.getTrailers().keys(), ofB.getTrailers().keys());
  }
}
