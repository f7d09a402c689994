package dev.polystore.activity;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.polystore.activity.domain.EventRecorder;
import dev.polystore.activity.domain.Retention;
import dev.polystore.activity.events.AuditTrail;
import dev.polystore.activity.store.CassandraEventStore;
import dev.polystore.activity.store.PartitionBuckets;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.events.v1.MessagePosted;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.EventsConfig;
import dev.polystore.platform.events.OutboxRow;
import dev.polystore.platform.ids.UuidV7;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyEventStream;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.platform.valkey.testing.ConsumerCrash;
import dev.polystore.platform.valkey.streams.StreamConsumerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: the writes accounts, messenger and files publish on their streams are recorded
 * by activity's consumer group, each once, on devstack's Cassandra and Valkey.
 */
class AuditTrailIT {
  /** The bound within which a published write shows in the audit trail, on a loaded 2-core machine. */
  static final Duration RECORDED_WITHIN = Duration.ofSeconds(10);
  private static final StreamConsumerConfig EVENTS = new StreamConsumerConfig(3, Duration.ofMillis(500), 10,
      Duration.ofMillis(100));
  private static final UuidV7 IDS = UuidV7.create();

  private static ValkeyConfig valkey;
  private static ActivityServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    valkey = ValkeyConfig.fromEnv(new Env(Devstack.valkey().env()));
    server = ActivityServer.startServing(new ValkeyStore(valkey), EVENTS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static OutboxRow event(String type, String workspace, String subject, String actor) {
    return row(envelope(type, workspace, subject, actor).build());
  }

  private static OutboxRow posted(String workspace, String room, String message) {
    return row(envelope("message.posted", workspace, message, "user-1").setMessagePosted(MessagePosted.newBuilder()
        .setWorkspaceId(workspace).setRoomId(room).setMessageId(message).setAuthorId("user-1").setBody("hello")
        .setCreateTime(now())).build());
  }

  private static dev.polystore.events.v1.Event.Builder envelope(String type, String workspace, String subject,
      String actor) {
    return dev.polystore.events.v1.Event.newBuilder().setEventId(IDS.next().toString()).setType(type)
        .setWorkspaceId(workspace).setSubjectId(subject).setActor(actor).setOccurredAt(now());
  }

  private static OutboxRow row(dev.polystore.events.v1.Event event) {
    return new OutboxRow(UUID.fromString(event.getEventId()), event.getType(), event.toByteArray());
  }

  private static Timestamp now() {
    Instant now = Instant.now();
    return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
  }

  private static void publish(String service, OutboxRow... rows) {
    try (ValkeyEventStream stream = new ValkeyEventStream(valkey, EventsConfig.streamOf(service), 100_000,
        Clock.systemUTC())) {
      stream.publish(List.of(rows));
    }
  }

  private static List<Event> trail(UUID workspace) {
    Instant now = Instant.now();
    return server.activity().listEvents(ListEventsRequest.newBuilder().setWorkspaceId(workspace.toString())
        .setStartTime(Timestamp.newBuilder().setSeconds(now.minusSeconds(3600).getEpochSecond()))
        .setEndTime(Timestamp.newBuilder().setSeconds(now.plusSeconds(60).getEpochSecond()))
        .setPageSize(500).build()).getEventsList();
  }

  private static long counted(UUID workspace) {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    return server.activity().getDailyCounts(GetDailyCountsRequest.newBuilder().setWorkspaceId(workspace.toString())
        .setStartDate(today).setEndDate(today).build()).getCountsList().stream().mapToLong(c -> c.getCount()).sum();
  }

  @Test
  void everyWriteOfAccountsMessengerAndFilesIsRecorded() {
    UUID workspace = UUID.randomUUID();
    String room = UUID.randomUUID().toString();
    String message = UUID.randomUUID().toString();
    String user = UUID.randomUUID().toString();
    publish("accounts", event("user.created", "", user, "admin"),
        event("member.added", workspace.toString(), user, "admin"));
    publish("messenger", posted(workspace.toString(), room, message));
    publish("files", event("upload.completed", workspace.toString(), "file-1", ""));

    await().atMost(RECORDED_WITHIN).until(() -> trail(workspace).size() == 3);
    List<String> shapes = trail(workspace).stream()
        .map(e -> e.getType() + " " + e.getSubject() + " " + e.getActorId() + " " + new java.util.TreeMap<>(e.getAttributesMap()))
        .sorted().toList();
    assertEquals(List.of(
        "member.added " + user + " admin {source=accounts}",
        "message.posted " + message + " user-1 {room_id=" + room + ", source=messenger}",
        "upload.completed file-1 unknown {source=files}"), shapes);
    await().atMost(RECORDED_WITHIN).until(() -> trail(AuditTrail.NO_WORKSPACE).stream()
        .anyMatch(e -> e.getType().equals("user.created") && e.getSubject().equals(user)));
  }

  @Test
  void aConsumerKilledMidBatchLosesNothingAndCountsNothingTwice() {
    UUID workspace = UUID.randomUUID();
    String stream = "events:{killed-" + UUID.randomUUID() + "}";
    List<OutboxRow> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(event("file.deleted", workspace.toString(), "file-" + i, "user-1"));
    }
    AuditTrail trail = new AuditTrail(new EventRecorder(
        new CassandraEventStore((CassandraStore) server.module.store(), new PartitionBuckets(ActivityModule.DEFAULT_PARTITION_BUCKETS)),
        new Retention(Duration.ofDays(1), Clock.systemUTC())));
    try (ValkeyEventStream publisher = new ValkeyEventStream(valkey, stream, 100_000, Clock.systemUTC());
        ValkeyStore bus = new ValkeyStore(valkey)) {
      publisher.publish(rows);
      ConsumerCrash.killAfter(bus, stream, AuditTrail.GROUP, trail, 4, EVENTS); // the 4th recorded, not acknowledged
      assertEquals(4, trail(workspace).size());
      ConsumerCrash.claimRest(bus, stream, AuditTrail.GROUP, trail, 7, EVENTS); // 6 never handled + the 4th again
    }
    assertEquals(10, trail(workspace).size(), "every event recorded, none twice");
    assertEquals(10, counted(workspace), "and counted once each");
  }
}
