package dev.polystore.messenger;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.polystore.messenger.v1.AddRoomMemberRequest;
import dev.polystore.messenger.v1.GetRoomRequest;
import dev.polystore.messenger.v1.GetRoomResponse;
import dev.polystore.messenger.v1.ListRoomsRequest;
import dev.polystore.messenger.v1.ListRoomsResponse;
import dev.polystore.messenger.v1.RemoveRoomMemberRequest;
import dev.polystore.messenger.v1.Room;
import dev.polystore.messenger.v1.RoomMember;
import dev.polystore.platform.ids.UuidV7;
import dev.polystore.platform.testing.Concurrently;
import dev.polystore.platform.testing.Pages;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms and their members over a real channel against a real PostgreSQL. */
class MessengerRoomsIT {
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();


  @Test
  void createsARoomWithItsMembersAndReadsItBack() {
    UUID workspace = UUID.randomUUID();
    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();

    Room room = messenger.createRoom(workspace, "General", alice, bob);

    assertEquals(workspace.toString(), room.getWorkspaceId());
    assertEquals("General", room.getName());
    assertEquals(2, room.getMemberCount());
    GetRoomResponse read = getRoom(room);
    assertEquals(room, read.getRoom());
    assertEquals(sorted(alice, bob), userIds(read));
  }

  @Test
  void refusesATakenNameInAnyCaseButNotInAnotherWorkspace() throws Exception {
    UUID workspace = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    messenger.createRoom(workspace, "Random", user);
    Map<String, String> before = messenger.served.tableContents();

    assertStatus(Status.Code.ALREADY_EXISTS, () -> messenger.createRoom(workspace, "RANDOM", user));
    assertEquals(before, messenger.served.tableContents());
    assertEquals("random", messenger.createRoom(UUID.randomUUID(), "random", user).getName());
  }

  @Test
  void concurrentCreatesOfOneNameLeaveOneRoom() throws Exception {
    UUID workspace = UUID.randomUUID();

    List<Status.Code> outcomes = Concurrently.run(8, i -> messenger.createRoom(workspace, "Race", UUID.randomUUID()))
        .stream().map(Concurrently.Outcome::code).toList();

    assertEquals(1, outcomes.stream().filter(Status.Code.OK::equals).count(), () -> "outcomes: " + outcomes);
    assertEquals(7, outcomes.stream().filter(Status.Code.ALREADY_EXISTS::equals).count(), () -> "outcomes: " + outcomes);
    assertEquals(1, listRooms(workspace, 0, "").getRoomsCount());
  }

  @Test
  void addsAndRemovesMembers() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    Room room = messenger.createRoom(UUID.randomUUID(), "Team", first);

    RoomMember added = addMember(room, second);

    assertEquals(room.getRoomId(), added.getRoomId());
    assertEquals(second.toString(), added.getUserId());
    assertEquals(List.of(first.toString(), second.toString()), userIds(getRoom(room)));
    assertEquals(2, getRoom(room).getRoom().getMemberCount());

    removeMember(room, first);

    assertEquals(List.of(second.toString()), userIds(getRoom(room)));
  }

  @Test
  void refusesMembersTwiceAndUnknownRoomsOrMembers() throws Exception {
    UUID member = UUID.randomUUID();
    Room room = messenger.createRoom(UUID.randomUUID(), "Strict", member);
    Room missing = room.toBuilder().setRoomId(UUID.randomUUID().toString()).build();
    Map<String, String> before = messenger.served.tableContents();

    assertStatus(Status.Code.ALREADY_EXISTS, () -> addMember(room, member));
    assertStatus(Status.Code.NOT_FOUND, () -> addMember(missing, UUID.randomUUID()));
    assertStatus(Status.Code.NOT_FOUND, () -> removeMember(room, UUID.randomUUID()));
    assertStatus(Status.Code.NOT_FOUND, () -> removeMember(missing, member));
    assertStatus(Status.Code.NOT_FOUND, () -> getRoom(missing));
    assertEquals(before, messenger.served.tableContents());
  }

  @Test
  void refusesAMemberOverTheLimit() throws Exception {
    UUID[] members = IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID()).toArray(UUID[]::new);
    Room room = messenger.createRoom(UUID.randomUUID(), "Town hall", members);
    assertEquals(1000, room.getMemberCount());
    Map<String, String> before = messenger.served.tableContents();

    assertStatus(Status.Code.FAILED_PRECONDITION, () -> addMember(room, UUID.randomUUID()));
    assertEquals(before, messenger.served.tableContents());

    removeMember(room, members[0]);
    addMember(room, UUID.randomUUID());
    assertEquals(1000, getRoom(room).getMembersCount());
  }

  @Test
  void concurrentAdditionsNeverOverfillARoom() throws Exception {
    UUID[] members = IntStream.range(0, 998).mapToObj(i -> UUID.randomUUID()).toArray(UUID[]::new);
    Room room = messenger.createRoom(UUID.randomUUID(), "Almost full", members);

    List<Status.Code> outcomes = Concurrently.run(6, i -> addMember(room, UUID.randomUUID()))
        .stream().map(Concurrently.Outcome::code).toList();

    assertEquals(2, outcomes.stream().filter(Status.Code.OK::equals).count(), () -> "outcomes: " + outcomes);
    assertEquals(4, outcomes.stream().filter(Status.Code.FAILED_PRECONDITION::equals).count());
    assertEquals(1000, getRoom(room).getRoom().getMemberCount());
  }

  @Test
  void pagesAWorkspacesRoomsOldestFirst() {
    UUID workspace = UUID.randomUUID();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      expected.add(messenger.createRoom(workspace, "room " + i, UUID.randomUUID()).getRoomId());
    }
    messenger.createRoom(UUID.randomUUID(), "elsewhere", UUID.randomUUID());

    List<List<String>> pages = Pages.collect(token -> listRooms(workspace, 3, token),
        ListRoomsResponse::getNextPageToken, response -> response.getRoomsList().stream().map(Room::getRoomId).toList());

    assertEquals(List.of(3, 3, 1), pages.stream().map(List::size).toList());
    assertEquals(expected, pages.stream().flatMap(List::stream).toList());
  }

  @Test
  void aWorkspaceWithoutRoomsHasAnEmptyListAndTokensStayWithTheirList() {
    UUID workspace = UUID.randomUUID();
    messenger.createRoom(workspace, "one", UUID.randomUUID());
    messenger.createRoom(workspace, "two", UUID.randomUUID());
    String token = listRooms(workspace, 1, "").getNextPageToken();
    assertFalse(token.isEmpty());

    assertEquals(ListRoomsResponse.getDefaultInstance(), listRooms(UUID.randomUUID(), 0, ""));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> listRooms(UUID.randomUUID(), 1, token));
  }

  // Helpers

  private static GetRoomResponse getRoom(Room room) {
    return messenger.stub().getRoom(GetRoomRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setRoomId(room.getRoomId()).build());
  }

  private static ListRoomsResponse listRooms(UUID workspaceId, int pageSize, String pageToken) {
    return messenger.stub().listRooms(ListRoomsRequest.newBuilder().setWorkspaceId(workspaceId.toString())
        .setPageSize(pageSize).setPageToken(pageToken).build());
  }

  private static RoomMember addMember(Room room, UUID userId) {
    return messenger.stub().addRoomMember(AddRoomMemberRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setRoomId(room.getRoomId())
        .setUserId(userId.toString()).build()).getMember();
  }

  private static void removeMember(Room room, UUID userId) {
    messenger.stub().removeRoomMember(RemoveRoomMemberRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setRoomId(room.getRoomId())
        .setUserId(userId.toString()).build());
  }

  private static List<String> userIds(GetRoomResponse response) {
    return response.getMembersList().stream().map(RoomMember::getUserId).toList();
  }

  /** Members who joined together are listed by user id. */
  private static List<String> sorted(UUID... userIds) {
    return Arrays.stream(userIds).sorted(UuidV7::compare)
        .map(UUID::toString).toList();
  }
}
