package dev.polystore.seeder;

import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.ListRoomsRequest;
import dev.polystore.messenger.v1.ListRoomsResponse;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.MessengerServiceGrpc.MessengerServiceBlockingStub;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.messenger.v1.Room;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rooms (request_id from the seed, else the name) and messages (client_message_id from the seed). */
final class MessengerPhase {
  private final Run run;
  private final MessengerServiceBlockingStub messenger;

  MessengerPhase(Run run) {
    this.run = run;
    this.messenger = MessengerServiceGrpc.newBlockingStub(run.channel);
  }

  void seed() {
    rooms();
    messages();
  }

  private void rooms() {
    int perWorkspace = run.size.roomsPerWorkspace;
    run.phase("rooms", (long) perWorkspace * run.size.workspaces, (tally, progress) -> {
      for (int w = 0; w < run.size.workspaces; w++) {
        List<String> members = new ArrayList<>();
        for (int m = 0; m < run.plan.roomMemberCount(); m++) {
          members.add(run.userOf(w, m));
        }
        for (int r = 0; r < perWorkspace; r++) {
          int workspace = w;
          int room = r;
          String name = run.plan.roomName(w, r);
          // Past the request_id's 24 hours a retry gets ALREADY_EXISTS for the name: then look it up.
          Room created = Calls.call("messenger.CreateRoom", () -> run.deadline(messenger).createRoom(CreateRoomRequest.newBuilder()
              .setWorkspaceId(run.workspaceIds[workspace]).setName(name).addAllMemberUserIds(members)
              .setRequestId(run.plan.keys.uuid("room:" + workspace + ":" + room).toString()).build()).getRoom(),
              Set.of(Status.Code.ALREADY_EXISTS), status -> null);
          if (created == null) {
            run.roomIds[w][r] = findRoom(run.workspaceIds[w], name);
            tally.count(false);
          } else {
            run.roomIds[w][r] = created.getRoomId();
            tally.count(run.madeByThisRun(created.getCreateTime()));
          }
          progress.step(1);
        }
      }
    });
  }

  private String findRoom(String workspaceId, String name) {
    String token = "";
    do {
      String page = token;
      ListRoomsResponse rooms = Calls.call("messenger.ListRooms", () -> run.deadline(messenger).listRooms(
          ListRoomsRequest.newBuilder().setWorkspaceId(workspaceId).setPageSize(100).setPageToken(page).build()));
      for (Room room : rooms.getRoomsList()) {
        if (room.getName().equalsIgnoreCase(name)) {
          return room.getRoomId();
        }
      }
      token = rooms.getNextPageToken();
    } while (!token.isEmpty());
    throw new SeedFailure("messenger.ListRooms", "room '" + name + "' exists (CreateRoom said so) but is not listed");
  }

  private void messages() {
    int perRoom = run.size.messagesPerRoom;
    int perWorkspace = perRoom * run.size.roomsPerWorkspace;
    int total = perWorkspace * run.size.workspaces;
    run.phase("messages", total, (tally, progress) -> Parallel.forEach(run.args.concurrency(), total, i -> {
      int workspace = i / perWorkspace;
      int room = i % perWorkspace / perRoom;
      int message = i % perRoom;
      String author = run.userOf(workspace, run.plan.messageAuthor(workspace, room, message));
      // PostMessage says itself whether it created the message or returned the first one with this key.
      boolean created = Calls.call("messenger.PostMessage", () -> run.deadline(messenger).postMessage(PostMessageRequest.newBuilder()
          .setWorkspaceId(run.workspaceIds[workspace]).setRoomId(run.roomIds[workspace][room]).setAuthorId(author)
          .setBody(run.plan.messageBody(workspace, room, message))
          .setClientMessageId(run.plan.messageKey(workspace, room, message)).build())).getCreated();
      tally.count(created);
      progress.step(1);
    }));
  }
}
