package dev.polystore.activity;

import static dev.polystore.activity.Events.batch;
import static dev.polystore.activity.Events.event;
import static dev.polystore.activity.Events.timestamp;
import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.ListEventsRequest;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cassandra goes away under a running service and comes back: callers get UNAVAILABLE within
 * their deadline meanwhile, and the same service answers again afterwards without a restart (the
 * driver reconnects by itself).
 *
 * <p>It stops the Cassandra node every test class of this JVM shares; failsafe runs classes one
 * after another, and the finally block starts it again whatever happens.
 */
class ActivityOutageIT {
  private static final Duration DEADLINE = Duration.ofMillis(2_500);
  private static ActivityServer server;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws InterruptedException {
    server = ActivityServer.startServing();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void failsWithUnavailableWhileCassandraIsAwayAndRecoversOnItsOwn() throws InterruptedException {
    Event before = event(workspace, "before", "file.uploaded", Events.now()).build();
    activity().recordEvents(batch(List.of(before)));
    try {
      server.cassandra.stop();

      // Right away (the driver may not have noticed yet) and once health has.
      assertStatus(Status.Code.UNAVAILABLE, () -> activity().recordEvents(batch(List.of(event(workspace, "during-1", "file.uploaded",
          Events.now()).build()))));
      assertStatus(Status.Code.UNAVAILABLE, this::list);
      assertEquals(ServingStatus.NOT_SERVING, server.awaitStatus(ServingStatus.NOT_SERVING, Duration.ofSeconds(30)));
      assertStatus(Status.Code.UNAVAILABLE, this::list);
      assertStatus(Status.Code.UNAVAILABLE, () -> activity().getDailyCounts(GetDailyCountsRequest.newBuilder().setWorkspaceId(workspace)
          .setStartDate(today()).setEndDate(today()).build()));
    } finally {
      server.cassandra.start();
    }

    List<Event> listed = awaitAnswer(this::list, Duration.ofSeconds(90));
    assertEquals(List.of(before), listed.stream().filter(e -> e.getEventId().equals("before")).toList());
    Event after = event(workspace, "after", "file.uploaded", Events.now()).build();
    assertEquals(1, activity().recordEvents(batch(List.of(after))).getRecordedCount());
    assertEquals(ServingStatus.SERVING, server.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(30)));
  }

  private static ActivityServiceGrpc.ActivityServiceBlockingStub activity() {
    return ActivityServiceGrpc.newBlockingStub(server.channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private List<Event> list() {
    Instant now = Events.now();
    return activity().listEvents(ListEventsRequest.newBuilder().setWorkspaceId(workspace)
        .setStartTime(timestamp(now.minus(Duration.ofHours(1)))).setEndTime(timestamp(now.plusSeconds(60)))
        .build()).getEventsList();
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }
}
