package dev.polystore.activity;

import static dev.polystore.activity.Events.batch;
import static dev.polystore.activity.Events.event;
import static dev.polystore.activity.Events.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.ListEventsRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events expire from the store itself (per-row TTL), with a retention of seconds instead of 90 days. */
class ActivityRetentionIT {
  private static final Duration RETENTION = Duration.ofSeconds(8);
  private static final List<String> EVENT_TABLES = List.of("events_by_day_bucket", "events_by_type", "event_ids");
  private static ActivityServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = ActivityServer.startServing(RETENTION);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eventsExpireAfterTheRetentionAndMayThenBeRecordedAgain() throws InterruptedException {
    String workspace = UUID.randomUUID().toString();
    UUID id = UUID.fromString(workspace);
    Instant now = Events.now();
    List<Event> events = List.of(
        event(workspace, "short-1", "file.uploaded", now).build(),
        event(workspace, "short-2", "file.uploaded", now).build(),
        event(workspace, "short-3", "member.added", now).build());
    assertEquals(3, server.activity().recordEvents(batch(events)).getRecordedCount());
    for (String table : EVENT_TABLES) {
      assertEquals(3, server.rows(table, id), table);
    }

    for (String table : EVENT_TABLES) {
      assertEquals(0, awaitRows(table, id, 0, Duration.ofSeconds(60)), table + " still holds the events");
    }
    assertEquals(List.of(), server.activity().listEvents(ListEventsRequest.newBuilder().setWorkspaceId(workspace)
        .setStartTime(timestamp(now.minus(Duration.ofHours(1)))).setEndTime(timestamp(Events.now().plusSeconds(1)))
        .build()).getEventsList());
    // Counters cannot expire: the day's counts remain after the events.
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    assertEquals(3, server.activity().getDailyCounts(GetDailyCountsRequest.newBuilder().setWorkspaceId(workspace)
        .setStartDate(today.toString()).setEndDate(today.toString()).build())
        .getCountsList().stream().mapToLong(c -> c.getCount()).sum());

    // The idempotency key expired with its event: the same id is a new event now.
    Event again = events.get(0).toBuilder().setOccurredAt(timestamp(Events.now())).build();
    assertEquals(1, server.activity().recordEvents(batch(List.of(again))).getRecordedCount());
  }

  private static long awaitRows(String table, UUID workspace, long wanted, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    long rows = server.rows(table, workspace);
    while (rows != wanted && Instant.now().isBefore(end)) {
      Thread.sleep(250);
      rows = server.rows(table, workspace);
    }
    return rows;
  }
}
