package dev.polystore.messenger;

import static dev.polystore.platform.testing.StatusAssertions.assertCutOff;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.Room;
import dev.polystore.platform.testing.Concurrently;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CreateRoom with a request_id: retries, concurrent or after an outage, leave exactly one room and
 * get the first call's answer.
 */
class MessengerIdempotencyIT {
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();

  @Test
  void aRetryWithTheSameRequestIdReturnsTheFirstRoom() throws Exception {
    CreateRoomRequest request = create(UUID.randomUUID(), "retried", UUID.randomUUID());

    Room first = messenger.stub().createRoom(request).getRoom();
    Room retry = messenger.stub().createRoom(request).getRoom();

    assertEquals(first, retry);
    assertEquals(1, rooms(request.getWorkspaceId()));
  }

  @Test
  void concurrentCallsWithOneRequestIdCreateOneRoom() throws Exception {
    CreateRoomRequest request = create(UUID.randomUUID(), "raced", UUID.randomUUID());

    List<Concurrently.Outcome<Room>> outcomes = Concurrently.run(10, i -> messenger.stub().createRoom(request).getRoom());

    List<Room> answers = outcomes.stream().map(Concurrently.Outcome::answer).distinct().toList();
    assertEquals(List.of(Status.Code.OK), outcomes.stream().map(Concurrently.Outcome::code).distinct().toList());
    assertEquals(1, answers.size(), () -> "answers: " + answers);
    assertEquals(1, rooms(request.getWorkspaceId()));
  }

  @Test
  void anotherRequestIdCreatesAnotherRoom() throws Exception {
    UUID workspace = UUID.randomUUID();
    UUID member = UUID.randomUUID();

    Room one = messenger.stub().createRoom(create(workspace, "one", member)).getRoom();
    Room two = messenger.stub().createRoom(create(workspace, "two", member)).getRoom();

    assertNotEquals(one.getRoomId(), two.getRoomId());
    assertEquals(2, rooms(workspace.toString()));
  }

  @Test
  void aRetryAfterTheDatabaseCameBackLeavesOneRoom() throws Exception {
    CreateRoomRequest request = create(UUID.randomUUID(), "outage", UUID.randomUUID());
    try {
      messenger.served.postgres.stop();
      assertCutOff(() -> MessengerServiceGrpc.newBlockingStub(messenger.served.channel)
          .withDeadlineAfter(2, TimeUnit.SECONDS).createRoom(request));
    } finally {
      messenger.served.postgres.start();
    }

    Room first = awaitAnswer(() -> messenger.stub().createRoom(request).getRoom(), Duration.ofSeconds(60));
    assertEquals(first, messenger.stub().createRoom(request).getRoom());
    assertEquals(1, rooms(request.getWorkspaceId()));
  }

  private static CreateRoomRequest create(UUID workspace, String name, UUID member) {
    return CreateRoomRequest.newBuilder()
        .setWorkspaceId(workspace.toString())
        .setName(name)
        .addMemberUserIds(member.toString())
        .setRequestId(UUID.randomUUID().toString())
        .build();
  }

  private static long rooms(String workspaceId) throws Exception {
    try (Connection connection = messenger.served.connect();
        PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM rooms WHERE workspace_id = ?")) {
      count.setObject(1, UUID.fromString(workspaceId));
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
