package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.devstack.Devstack;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production gateway hosting activity on the test's Cassandra (devstack's, a child JVM on its
 * own class path).
 */
class GatewayActivityIT {
  private static final String ACTIVITY = "polystore.activity.v1.ActivityService";
  private static Gateway gateway;
  private static GatewayClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    Map<String, String> env = new HashMap<>(Devstack.cassandra().env());
    env.putAll(Devstack.valkey().env()); // the event bus, for the audit trail
    env.put("POLYSTORE_SERVICES", "activity");
    gateway = Gateway.start(GatewayClient.withAdmin(env), "--spring.grpc.server.port=0", "--server.port=0");
    client = new GatewayClient(gateway.port());
    assertEquals(ServingStatus.SERVING, client.awaitServing(ACTIVITY, Duration.ofSeconds(120)));
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  @Test
  void recordsAndListsEventsThroughTheGateway() {
    var activity = ActivityServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    String workspace = UUID.randomUUID().toString();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Event event = Event.newBuilder().setEventId("gateway-1").setWorkspaceId(workspace).setActorId("user-1")
        .setType("file.uploaded").setSubject("files/1").setOccurredAt(timestamp(now)).build();

    assertEquals(1, activity.recordEvents(RecordEventsRequest.newBuilder().addEvents(event).build()).getRecordedCount());

    assertEquals(List.of(event), activity.withDeadlineAfter(10, TimeUnit.SECONDS).listEvents(ListEventsRequest.newBuilder()
        .setWorkspaceId(workspace).setStartTime(timestamp(now.minus(Duration.ofHours(1))))
        .setEndTime(timestamp(now.plusSeconds(1))).build()).getEventsList());
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
