package dev.polystore.messenger;

import static dev.polystore.platform.testing.BadRequestCases.bad;

import dev.polystore.messenger.v1.AddRoomMemberRequest;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.DeleteMessageRequest;
import dev.polystore.messenger.v1.EditMessageRequest;
import dev.polystore.messenger.v1.GetMessageRequest;
import dev.polystore.messenger.v1.GetRoomRequest;
import dev.polystore.messenger.v1.ListMessagesRequest;
import dev.polystore.messenger.v1.ListRoomsRequest;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.MessengerServiceGrpc.MessengerServiceBlockingStub;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.messenger.v1.RemoveRoomMemberRequest;
import dev.polystore.messenger.v1.Room;
import dev.polystore.messenger.v1.SearchMessagesRequest;
import dev.polystore.platform.testing.BadRequestCases;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * For every RPC, requests that break a rule (the contract's or the domain's) get INVALID_ARGUMENT
 * whose google.rpc.BadRequest names the field, and change no table: neither its row count nor any row.
 */
class MessengerBadInputIT {
  private static final String NOT_A_UUID = "not-a-uuid";
  private static final UUID WORKSPACE = UUID.randomUUID();
  private static final UUID MEMBER = UUID.randomUUID();
  private static final UUID REQUEST = UUID.randomUUID();
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();
  private static BadRequestCases<MessengerServiceBlockingStub> checks;
  private static Room room;
  private static Message message;
  private static String roomListToken;
  private static String searchToken;

  @BeforeAll
  static void start() throws InterruptedException {
    checks = new BadRequestCases<>(messenger::stub, messenger.served::tableContents);
    // Real rows, so that each bad request below is wrong in its one field only.
    room = messenger.stub().createRoom(CreateRoomRequest.newBuilder().setWorkspaceId(WORKSPACE.toString())
        .setName("bad input").addMemberUserIds(MEMBER.toString()).setRequestId(REQUEST.toString()).build()).getRoom();
    messenger.createRoom(WORKSPACE, "bad input too", MEMBER);
    message = messenger.post(room, MEMBER, "a message to search, edit and delete");
    messenger.post(room, MEMBER, "another message to search");
    roomListToken = messenger.stub().listRooms(ListRoomsRequest.newBuilder().setWorkspaceId(WORKSPACE.toString())
        .setPageSize(1).build()).getNextPageToken();
    searchToken = messenger.stub().searchMessages(validSearch().setPageSize(1).build()).getNextPageToken();
  }

  @TestFactory
  Stream<DynamicTest> createRoom() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.createRoom(validCreateRoom().setWorkspaceId(NOT_A_UUID).build())),
        bad("no name", "name", s -> s.createRoom(validCreateRoom().clearName().build())),
        bad("name of blanks", "name", s -> s.createRoom(validCreateRoom().setName("  \t").build())),
        bad("name longer than 80", "name", s -> s.createRoom(validCreateRoom().setName("n".repeat(81)).build())),
        bad("no members", "member_user_ids", s -> s.createRoom(validCreateRoom().clearMemberUserIds().build())),
        bad("a member that is no UUID", "member_user_ids[1]",
            s -> s.createRoom(validCreateRoom().addMemberUserIds(NOT_A_UUID).build())),
        bad("the same member twice", "member_user_ids",
            s -> s.createRoom(validCreateRoom().addMemberUserIds(MEMBER.toString()).build())),
        bad("more than 1000 members", "member_user_ids", s -> s.createRoom(validCreateRoom().clearMemberUserIds()
            .addAllMemberUserIds(IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID().toString()).toList())
            .build())),
        bad("request_id that is no UUID", "request_id",
            s -> s.createRoom(validCreateRoom().setRequestId(NOT_A_UUID).build())),
        bad("request_id of an earlier call with another name", "request_id",
            s -> s.createRoom(validCreateRoom().setName("another name").setRequestId(REQUEST.toString()).build())),
        bad("request_id of an earlier call in another workspace", "request_id",
            s -> s.createRoom(validCreateRoom().setWorkspaceId(UUID.randomUUID().toString()).setName("bad input")
                .setRequestId(REQUEST.toString()).build())));
  }

  @TestFactory
  Stream<DynamicTest> getRoom() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.getRoom(validGetRoom().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.getRoom(validGetRoom().clearWorkspaceId().build())),
        bad("room_id that is no UUID", "room_id", s -> s.getRoom(validGetRoom().setRoomId(NOT_A_UUID).build())),
        bad("no room_id", "room_id", s -> s.getRoom(validGetRoom().clearRoomId().build())));
  }

  @TestFactory
  Stream<DynamicTest> listRooms() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.listRooms(validListRooms().setWorkspaceId(NOT_A_UUID).build())),
        bad("negative page_size", "page_size", s -> s.listRooms(validListRooms().setPageSize(-1).build())),
        bad("page_size over 100", "page_size", s -> s.listRooms(validListRooms().setPageSize(101).build())),
        bad("page_token longer than 512", "page_token",
            s -> s.listRooms(validListRooms().setPageToken("a".repeat(513)).build())),
        bad("page_token it never handed out", "page_token",
            s -> s.listRooms(validListRooms().setPageToken("bm90LWEtdG9rZW4").build())),
        bad("page_token of another list", "page_token",
            s -> s.listRooms(validListRooms().setWorkspaceId(UUID.randomUUID().toString())
                .setPageToken(roomListToken).build())),
        bad("page_token of a search", "page_token", s -> s.listRooms(validListRooms().setPageToken(searchToken).build())));
  }

  @TestFactory
  Stream<DynamicTest> addRoomMember() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.addRoomMember(validAddRoomMember().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.addRoomMember(validAddRoomMember().clearWorkspaceId().build())),
        bad("room_id that is no UUID", "room_id",
            s -> s.addRoomMember(validAddRoomMember().setRoomId(NOT_A_UUID).build())),
        bad("user_id that is no UUID", "user_id",
            s -> s.addRoomMember(validAddRoomMember().setUserId(NOT_A_UUID).build())),
        bad("no user_id", "user_id", s -> s.addRoomMember(validAddRoomMember().clearUserId().build())));
  }

  @TestFactory
  Stream<DynamicTest> removeRoomMember() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.removeRoomMember(validRemoveRoomMember().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.removeRoomMember(validRemoveRoomMember().clearWorkspaceId().build())),
        bad("room_id that is no UUID", "room_id",
            s -> s.removeRoomMember(validRemoveRoomMember().setRoomId(NOT_A_UUID).build())),
        bad("user_id that is no UUID", "user_id",
            s -> s.removeRoomMember(validRemoveRoomMember().setUserId(NOT_A_UUID).build())));
  }

  @TestFactory
  Stream<DynamicTest> postMessage() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.postMessage(validPost().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.postMessage(validPost().clearWorkspaceId().build())),
        bad("room_id that is no UUID", "room_id", s -> s.postMessage(validPost().setRoomId(NOT_A_UUID).build())),
        bad("author_id that is no UUID", "author_id", s -> s.postMessage(validPost().setAuthorId(NOT_A_UUID).build())),
        bad("empty body", "body", s -> s.postMessage(validPost().setBody("").build())),
        bad("body of blanks", "body", s -> s.postMessage(validPost().setBody(" \n ").build())),
        bad("body longer than 4000", "body", s -> s.postMessage(validPost().setBody("b".repeat(4001)).build())),
        bad("no client_message_id", "client_message_id",
            s -> s.postMessage(validPost().clearClientMessageId().build())),
        bad("client_message_id longer than 64", "client_message_id",
            s -> s.postMessage(validPost().setClientMessageId("k".repeat(65)).build())),
        bad("client_message_id with spaces", "client_message_id",
            s -> s.postMessage(validPost().setClientMessageId("my key").build())));
  }

  @TestFactory
  Stream<DynamicTest> getMessage() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.getMessage(validGetMessage().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.getMessage(validGetMessage().clearWorkspaceId().build())),
        bad("message_id that is no UUID", "message_id",
            s -> s.getMessage(validGetMessage().setMessageId(NOT_A_UUID).build())),
        bad("no message_id", "message_id", s -> s.getMessage(validGetMessage().clearMessageId().build())));
  }

  @TestFactory
  Stream<DynamicTest> listMessages() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.listMessages(validListMessages().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.listMessages(validListMessages().clearWorkspaceId().build())),
        bad("room_id that is no UUID", "room_id",
            s -> s.listMessages(validListMessages().setRoomId(NOT_A_UUID).build())),
        bad("negative page_size", "page_size", s -> s.listMessages(validListMessages().setPageSize(-5).build())),
        bad("page_size over 100", "page_size", s -> s.listMessages(validListMessages().setPageSize(1000).build())),
        bad("before_message_id that is no UUID", "before_message_id",
            s -> s.listMessages(validListMessages().setBeforeMessageId(NOT_A_UUID).build())),
        bad("empty after_message_id", "after_message_id",
            s -> s.listMessages(validListMessages().setAfterMessageId("").build())));
  }

  @TestFactory
  Stream<DynamicTest> editMessage() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.editMessage(validEdit().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.editMessage(validEdit().clearWorkspaceId().build())),
        bad("message_id that is no UUID", "message_id",
            s -> s.editMessage(validEdit().setMessageId(NOT_A_UUID).build())),
        bad("author_id that is no UUID", "author_id", s -> s.editMessage(validEdit().setAuthorId(NOT_A_UUID).build())),
        bad("empty body", "body", s -> s.editMessage(validEdit().clearBody().build())),
        bad("body of blanks", "body", s -> s.editMessage(validEdit().setBody("   ").build())),
        bad("body longer than 4000", "body", s -> s.editMessage(validEdit().setBody("b".repeat(4001)).build())),
        bad("etag longer than 64", "etag", s -> s.editMessage(validEdit().setEtag("9".repeat(65)).build())));
  }

  @TestFactory
  Stream<DynamicTest> deleteMessage() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.deleteMessage(validDelete().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.deleteMessage(validDelete().clearWorkspaceId().build())),
        bad("message_id that is no UUID", "message_id",
            s -> s.deleteMessage(validDelete().setMessageId(NOT_A_UUID).build())),
        bad("author_id that is no UUID", "author_id",
            s -> s.deleteMessage(validDelete().setAuthorId(NOT_A_UUID).build())),
        bad("etag longer than 64", "etag", s -> s.deleteMessage(validDelete().setEtag("9".repeat(65)).build())));
  }

  @TestFactory
  Stream<DynamicTest> searchMessages() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.searchMessages(validSearch().setWorkspaceId(NOT_A_UUID).build())),
        bad("no query", "query", s -> s.searchMessages(validSearch().clearQuery().build())),
        bad("query of blanks", "query", s -> s.searchMessages(validSearch().setQuery("    ").build())),
        bad("query longer than 256", "query", s -> s.searchMessages(validSearch().setQuery("q".repeat(257)).build())),
        bad("room_id that is no UUID", "room_id", s -> s.searchMessages(validSearch().setRoomId(NOT_A_UUID).build())),
        bad("page_size over 100", "page_size", s -> s.searchMessages(validSearch().setPageSize(101).build())),
        bad("page_token of another search", "page_token",
            s -> s.searchMessages(validSearch().setQuery("another").setPageToken(searchToken).build())),
        bad("page_token of a room list", "page_token",
            s -> s.searchMessages(validSearch().setPageToken(roomListToken).build())));
  }

  // Valid requests, each case breaks one field of one.

  private static CreateRoomRequest.Builder validCreateRoom() {
    return CreateRoomRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setName("fresh " + UUID.randomUUID())
        .addMemberUserIds(MEMBER.toString());
  }

  private static ListRoomsRequest.Builder validListRooms() {
    return ListRoomsRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setPageSize(10);
  }

  private static GetRoomRequest.Builder validGetRoom() {
    return GetRoomRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setRoomId(room.getRoomId());
  }

  private static AddRoomMemberRequest.Builder validAddRoomMember() {
    return AddRoomMemberRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setRoomId(room.getRoomId())
        .setUserId(UUID.randomUUID().toString());
  }

  private static RemoveRoomMemberRequest.Builder validRemoveRoomMember() {
    return RemoveRoomMemberRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setRoomId(room.getRoomId())
        .setUserId(MEMBER.toString());
  }

  private static PostMessageRequest.Builder validPost() {
    return PostMessageRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setRoomId(room.getRoomId())
        .setAuthorId(MEMBER.toString()).setBody("fresh").setClientMessageId("fresh-" + UUID.randomUUID());
  }

  private static GetMessageRequest.Builder validGetMessage() {
    return GetMessageRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setMessageId(message.getMessageId());
  }

  private static ListMessagesRequest.Builder validListMessages() {
    return ListMessagesRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setRoomId(room.getRoomId())
        .setPageSize(10);
  }

  private static EditMessageRequest.Builder validEdit() {
    return EditMessageRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setMessageId(message.getMessageId())
        .setAuthorId(MEMBER.toString()).setBody("edited").setEtag(message.getEtag());
  }

  private static DeleteMessageRequest.Builder validDelete() {
    return DeleteMessageRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setMessageId(message.getMessageId())
        .setAuthorId(MEMBER.toString()).setEtag(message.getEtag());
  }

  private static SearchMessagesRequest.Builder validSearch() {
    return SearchMessagesRequest.newBuilder().setWorkspaceId(WORKSPACE.toString()).setQuery("message").setPageSize(10);
  }
}
