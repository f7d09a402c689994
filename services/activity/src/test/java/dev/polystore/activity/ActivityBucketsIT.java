package dev.polystore.activity;

import static dev.polystore.activity.Events.batch;
import static dev.polystore.activity.Events.event;
import static dev.polystore.activity.Events.instant;
import static dev.polystore.activity.Events.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.activity.v1.DailyCount;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.activity.v1.ListEventsResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hot partitions (V3__bucketed_partitions.cql): one workspace's day of events and month of counts
 * land in several partitions, read as the partition keys Cassandra holds, while ListEvents and
 * GetDailyCounts answer as they did with one partition, rows of the tables before V3 included.
 */
class ActivityBucketsIT {
  private static final Comparator<Event> NEWEST_FIRST = Comparator
      .comparing((Event e) -> instant(e.getOccurredAt())).thenComparing(Event::getEventId).reversed();

  /** One test, so its own server, with the default bucket count, for the test's length. */
  private ActivityServer server;
  private final String workspace = UUID.randomUUID().toString();
  private final UUID workspaceId = UUID.fromString(workspace);
  /** Noon yesterday: one UTC day, inside the two days RecordEvents accepts. */
  private final Instant noon = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
  private final LocalDate day = LocalDate.ofInstant(noon, ZoneOffset.UTC);

  @Test
  void oneWorkspacesDaySpreadsOverBucketsAndReadsAsOnePartition() throws InterruptedException {
    try (ActivityServer started = ActivityServer.startServing()) {
      server = started;
      spreadsAndReadsAsOne();
    }
  }

  private void spreadsAndReadsAsOne() {
    List<Event> recorded = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // Every third event shares its millisecond with the one before: order then falls to event ids.
      Instant at = noon.plusSeconds(i % 3 == 2 ? i - 1 : i);
      recorded.add(event(workspace, String.format("hot-%02d", i), i % 4 == 0 ? "member.added" : "file.uploaded", at)
          .build());
    }
    assertEquals(60, server.activity().recordEvents(batch(recorded)).getRecordedCount());

    assertTrue(partitions("SELECT DISTINCT workspace_id, day, bucket FROM events_by_day_bucket") > 1,
        "the day's events must land in several partitions");
    assertTrue(partitions("SELECT DISTINCT workspace_id, month, bucket FROM daily_counts_bucket") > 1,
        "the month's counts must land in several partitions");

    // Rows written before V3 stay readable: two events and their counts in the old tables, and one
    // event that is in both (recorded again after V3, which rewrote it into its bucket).
    List<Event> legacy = List.of(
        event(workspace, "old-1", "file.uploaded", noon.plusSeconds(10)).build(),
        event(workspace, "old-2", "member.added", noon.minusSeconds(30)).build());
    legacy.forEach(this::writeBeforeV3);
    writeBeforeV3(recorded.get(5));
    List<Event> all = new ArrayList<>(recorded);
    all.addAll(legacy);
    all.sort(NEWEST_FIRST);

    for (int pageSize : new int[] {1, 7, 50, 100}) {
      assertEquals(all, listAll(pageSize), "page size " + pageSize);
    }
    assertEquals(expectedCounts(all), server.activity().getDailyCounts(GetDailyCountsRequest.newBuilder()
        .setWorkspaceId(workspace).setStartDate(day.minusDays(1).toString()).setEndDate(day.plusDays(1).toString())
        .build()).getCountsList());
  }

  /** Distinct partitions of this workspace's among a table's partition keys. */
  private long partitions(String query) {
    List<Row> keys = server.keyspace.cql().execute(query).all();
    return keys.stream().filter(row -> workspaceId.equals(row.getUuid("workspace_id"))).count();
  }

  /** As V1's code wrote an event: its events_by_day row and its daily_counts count. */
  private void writeBeforeV3(Event event) {
    Instant at = instant(event.getOccurredAt());
    LocalDate eventDay = LocalDate.ofInstant(at, ZoneOffset.UTC);
    server.keyspace.cql().execute(SimpleStatement.newInstance("INSERT INTO events_by_day (workspace_id, day,"
        + " event_id, actor_id, type, subject, attributes, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        workspaceId, eventDay, event.getEventId(), event.getActorId(), event.getType(), event.getSubject(),
        event.getAttributesMap(), at));
    if (event.getEventId().startsWith("old-")) {
      server.keyspace.cql().execute(SimpleStatement.newInstance("UPDATE daily_counts SET events = events + 1"
          + " WHERE workspace_id = ? AND month = ? AND day = ? AND type = ?",
          workspaceId, eventDay.withDayOfMonth(1), eventDay, event.getType()));
    }
  }

  private List<Event> listAll(int pageSize) {
    List<Event> all = new ArrayList<>();
    String token = "";
    do {
      ListEventsResponse page = server.activity().listEvents(ListEventsRequest.newBuilder()
          .setWorkspaceId(workspace)
          .setStartTime(timestamp(noon.minus(Duration.ofHours(1))))
          .setEndTime(timestamp(noon.plus(Duration.ofHours(1))))
          .setPageSize(pageSize)
          .setPageToken(token)
          .build());
      assertTrue(page.getEventsCount() <= pageSize);
      all.addAll(page.getEventsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    Set<String> unique = new HashSet<>();
    all.forEach(e -> assertTrue(unique.add(e.getEventId()), "repeated: " + e.getEventId()));
    return all;
  }

  private static List<DailyCount> expectedCounts(List<Event> events) {
    Map<String, Map<String, Long>> byDay = new TreeMap<>();
    for (Event e : events) {
      String date = LocalDate.ofInstant(instant(e.getOccurredAt()), ZoneOffset.UTC).toString();
      byDay.computeIfAbsent(date, d -> new TreeMap<>()).merge(e.getType(), 1L, Long::sum);
    }
    List<DailyCount> counts = new ArrayList<>();
    byDay.forEach((date, types) -> types.forEach((type, count) ->
        counts.add(DailyCount.newBuilder().setDate(date).setType(type).setCount(count).build())));
    return counts;
  }
}
