package dev.polystore.messenger;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.messenger.v1.GetMessageRequest;
import dev.polystore.messenger.v1.ListMessagesRequest;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.MessengerServiceGrpc.MessengerServiceBlockingStub;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.messenger.v1.Room;
import dev.polystore.messenger.v1.SearchMessagesRequest;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database goes away under a running service and comes back: callers get UNAVAILABLE within
 * their deadline meanwhile, and the same service answers again afterwards without a restart.
 *
 * <p>It stops the PostgreSQL every test class of this JVM shares; failsafe runs classes one after
 * another, and the finally block starts it again whatever happens.
 */
class MessengerOutageIT {
  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static final UUID AUTHOR = UUID.randomUUID();
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();
  private static Room room;

  @BeforeAll
  static void start() throws InterruptedException {
    room = messenger.createRoom(UUID.randomUUID(), "outage", AUTHOR);
  }

  @Test
  void failsWithUnavailableWhileTheDatabaseIsAwayAndRecoversOnItsOwn() throws InterruptedException {
    Message before = post("before the outage");
    try {
      messenger.served.postgres.stop();

      // Right away (the pools still hold connections to the dead server) and once health noticed.
      assertStatus(Status.Code.UNAVAILABLE, () -> get(before.getMessageId()));
      assertStatus(Status.Code.UNAVAILABLE, () -> post("during the outage"));
      assertEquals(ServingStatus.NOT_SERVING,
          messenger.served.awaitStatus(ServingStatus.NOT_SERVING, Duration.ofSeconds(30)));
      assertStatus(Status.Code.UNAVAILABLE, () -> get(before.getMessageId()));
      assertStatus(Status.Code.UNAVAILABLE, () -> messenger().listMessages(ListMessagesRequest.newBuilder()
          .setWorkspaceId(room.getWorkspaceId()).setRoomId(room.getRoomId()).build()));
      assertStatus(Status.Code.UNAVAILABLE, () -> messenger().searchMessages(SearchMessagesRequest.newBuilder()
          .setWorkspaceId(room.getWorkspaceId()).setQuery("outage").build()));
    } finally {
      messenger.served.postgres.start();
    }

    assertEquals(before, awaitAnswer(() -> get(before.getMessageId()), Duration.ofSeconds(60)));
    Message after = post("after the outage");
    assertEquals(after, get(after.getMessageId()));
    assertEquals(ServingStatus.SERVING, messenger.served.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(30)));
  }

  /** Every call of this test has the 2 s deadline: UNAVAILABLE must come before it, not DEADLINE_EXCEEDED. */
  private static MessengerServiceBlockingStub messenger() {
    return MessengerServiceGrpc.newBlockingStub(messenger.served.channel)
        .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Message post(String body) {
    return messenger().postMessage(PostMessageRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setRoomId(room.getRoomId())
        .setAuthorId(AUTHOR.toString()).setBody(body).setClientMessageId("outage-" + UUID.randomUUID()).build())
        .getMessage();
  }

  private static Message get(String messageId) {
    return messenger().getMessage(GetMessageRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setMessageId(messageId).build()).getMessage();
  }
}
