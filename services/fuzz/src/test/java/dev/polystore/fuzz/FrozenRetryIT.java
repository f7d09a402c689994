package dev.polystore.fuzz;

import static dev.polystore.platform.testing.StatusAssertions.assertCutOff;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.Freezable;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.ListRoomsRequest;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.Room;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Creates cut off by a frozen database, then retried with the same request_id as a client does
 * after DEADLINE_EXCEEDED or UNAVAILABLE: each leaves exactly one record, whether or not the first
 * try committed once the database woke up.
 */
class FrozenRetryIT {
  private static final Duration DEADLINE = Duration.ofSeconds(3);
  private static final Duration RETRY_LIMIT = Duration.ofSeconds(60);
  private static final int CREATES = 6;

  private final String workspace = UUID.randomUUID().toString();
  private final String member = UUID.randomUUID().toString();

  @Test
  void createsCutOffByAFrozenDatabaseAndRetriedWithTheirRequestIdLeaveOneRoomEach() throws Exception {
    try (Served messenger = Services.messenger()) {
      assertEquals(ServingStatus.SERVING, messenger.awaitStatus(ServingStatus.SERVING, RETRY_LIMIT));
      List<CreateRoomRequest> requests = new ArrayList<>();
      for (int i = 0; i < CREATES; i++) {
        requests.add(CreateRoomRequest.newBuilder().setWorkspaceId(workspace).setName("frozen-" + i)
            .addMemberUserIds(member).setRequestId(UUID.randomUUID().toString()).build());
      }

      Freezable postgres = Devstack.postgres().processes();
      ExecutorService pool = Executors.newFixedThreadPool(CREATES);
      postgres.freeze();
      try {
        // All at once, so that every first try is in flight before health notices the freeze; each
        // is cut off, and its caller learns only that it may or may not have happened.
        List<CompletableFuture<StatusRuntimeException>> tries = requests.stream()
            .map(request -> CompletableFuture.supplyAsync(() -> assertCutOff(() -> stub(messenger).createRoom(request)), pool))
            .toList();
        for (CompletableFuture<StatusRuntimeException> firstTry : tries) {
          firstTry.get(); // UNAVAILABLE or DEADLINE_EXCEEDED, or the assertion's failure
        }
      } finally {
        postgres.thaw();
        pool.shutdown();
      }

      // Retried on UNAVAILABLE and DEADLINE_EXCEEDED, as a client with the same request_id may.
      Map<String, Room> answers = new LinkedHashMap<>();
      for (CreateRoomRequest request : requests) {
        answers.put(request.getName(), awaitAnswer(() -> stub(messenger).createRoom(request).getRoom(), RETRY_LIMIT));
      }
      // A second retry of each returns the same room again.
      for (CreateRoomRequest request : requests) {
        assertEquals(answers.get(request.getName()), stub(messenger).createRoom(request).getRoom());
      }
      Map<String, Long> roomsByName = stub(messenger).listRooms(ListRoomsRequest.newBuilder()
          .setWorkspaceId(workspace).setPageSize(100).build()).getRoomsList().stream()
          .collect(Collectors.groupingBy(Room::getName, Collectors.counting()));
      assertEquals(requests.stream().collect(Collectors.toMap(CreateRoomRequest::getName, request -> 1L)), roomsByName);
    }
  }

  private static MessengerServiceGrpc.MessengerServiceBlockingStub stub(Served messenger) {
    return MessengerServiceGrpc.newBlockingStub(messenger.channel())
        .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
