package dev.polystore.activity;

import static dev.polystore.activity.Events.batch;
import static dev.polystore.activity.Events.event;
import static dev.polystore.activity.Events.instant;
import static dev.polystore.activity.Events.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.activity.v1.DailyCount;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.activity.v1.ListEventsResponse;
import dev.polystore.activity.v1.RecordEventsResponse;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ActivityService over a real channel on devstack's Cassandra: each test in a workspace of its own. */
class ActivityApiIT {
  /** Newest first, ties broken by event id, descending: the order ListEvents promises. */
  private static final Comparator<Event> NEWEST_FIRST = Comparator
      .comparing((Event e) -> instant(e.getOccurredAt())).thenComparing(Event::getEventId).reversed();

  private static ActivityServer server;
  private final String workspace = UUID.randomUUID().toString();
  private final Instant now = Events.now();

  @BeforeAll
  static void start() throws InterruptedException {
    server = ActivityServer.startServing();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void recordsEventsAndListsThemNewestFirstWithEveryField() {
    List<Event> events = List.of(
        event(workspace, "e1", "file.uploaded", now.minus(Duration.ofHours(3))).build(),
        event(workspace, "e2", "member.added", now.minus(Duration.ofHours(2))).setSubject("").clearAttributes().build(),
        event(workspace, "e3", "file.uploaded", now.minus(Duration.ofHours(1))).build());

    RecordEventsResponse recorded = server.activity().recordEvents(batch(events));

    assertEquals(3, recorded.getRecordedCount());
    assertEquals(0, recorded.getDuplicateCount());
    assertEquals(List.of(events.get(2), events.get(1), events.get(0)), listAll(null, 50));
  }

  @Test
  void pagesWalkDayPartitionsWithoutSkippingOrRepeatingEvenWhileEventsArrive() {
    List<Event> events = new ArrayList<>();
    // Every 2 hours from 46 hours ago: always at least two UTC days, usually three.
    for (int i = 0; i < 23; i++) {
      events.add(event(workspace, "spread-" + i, "file.uploaded", now.minus(Duration.ofHours(46 - 2L * i))).build());
    }
    // Events of one millisecond, which only their ids order: a page boundary must fall among them.
    Instant tie = now.minus(Duration.ofHours(5)).plusMillis(1);
    for (int i = 0; i < 5; i++) {
      events.add(event(workspace, "tie-" + i, "file.uploaded", tie).build());
    }
    record(events);
    assertTrue(days(events).size() >= 2, "the events span several day partitions");

    List<Event> seen = new ArrayList<>();
    ListEventsResponse page = list(null, 4, "");
    seen.addAll(page.getEventsList());
    // Newer than everything listed so far: the pages that follow must not show them or shift.
    record(List.of(event(workspace, "late-1", "file.uploaded", now).build(),
        event(workspace, "late-2", "file.uploaded", now.plusMillis(1)).build()));
    while (!page.getNextPageToken().isEmpty()) {
      page = list(null, 4, page.getNextPageToken());
      assertTrue(page.getEventsCount() <= 4);
      seen.addAll(page.getEventsList());
    }

    List<Event> expected = events.stream().sorted(NEWEST_FIRST).toList();
    assertEquals(ids(expected), ids(seen));
    assertEquals(expected, seen);
  }

  @Test
  void filtersByTypeAcrossDays() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String type = i % 3 == 0 ? "member.added" : "file.uploaded";
      events.add(event(workspace, "typed-" + i, type, now.minus(Duration.ofHours(44 - 4L * i))).build());
    }
    record(events);

    List<Event> members = listAll("member.added", 2);

    assertEquals(events.stream().filter(e -> e.getType().equals("member.added")).sorted(NEWEST_FIRST).toList(), members);
    assertEquals(8, listAll("file.uploaded", 3).size());
  }

  @Test
  void recordingAgainStoresAndCountsEachEventOnce() {
    List<Event> first = List.of(
        event(workspace, "once-1", "file.uploaded", now.minus(Duration.ofHours(30))).build(),
        event(workspace, "once-2", "file.uploaded", now.minus(Duration.ofHours(1))).build(),
        event(workspace, "once-3", "file.deleted", now.minus(Duration.ofMinutes(5))).build());
    assertEquals(3, server.activity().recordEvents(batch(first)).getRecordedCount());

    // A retry of the batch, one copy changed, plus one new event.
    List<Event> again = new ArrayList<>(first);
    again.set(1, first.get(1).toBuilder().setSubject("files/changed").setType("file.deleted").build());
    again.add(event(workspace, "once-4", "file.uploaded", now.minus(Duration.ofMinutes(1))).build());
    RecordEventsResponse second = server.activity().recordEvents(batch(again));

    assertEquals(1, second.getRecordedCount());
    assertEquals(3, second.getDuplicateCount());
    List<Event> expected = new ArrayList<>(first);
    expected.add(again.get(3));
    assertEquals(expected.stream().sorted(NEWEST_FIRST).toList(), listAll(null, 10));
    assertEquals(expectedCounts(expected), counts(now.minus(Duration.ofDays(2)), now));
    UUID id = UUID.fromString(workspace);
    assertEquals(4, server.rows("event_ids", id));
    assertEquals(4, server.rows("events_by_day_bucket", id));
    assertEquals(4, server.rows("events_by_type", id));
  }

  @Test
  void countsEventsPerDayAndType() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      String type = i % 2 == 0 ? "file.uploaded" : "member.added";
      events.add(event(workspace, "counted-" + i, type, now.minus(Duration.ofHours(46 - 2L * i))).build());
    }
    record(events);

    List<DailyCount> counts = counts(now.minus(Duration.ofDays(2)), now);

    assertEquals(expectedCounts(events), counts);
    assertEquals(18, counts.stream().mapToLong(DailyCount::getCount).sum());
    assertTrue(counts(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(3))).isEmpty());
  }

  private void record(List<Event> events) {
    RecordEventsResponse response = server.activity().recordEvents(batch(events));
    assertEquals(events.size(), response.getRecordedCount());
  }

  private ListEventsResponse list(String type, int pageSize, String token) {
    ListEventsRequest.Builder request = ListEventsRequest.newBuilder()
        .setWorkspaceId(workspace)
        .setStartTime(timestamp(now.minus(Duration.ofDays(3))))
        .setEndTime(timestamp(now.plus(Duration.ofMinutes(10))))
        .setPageSize(pageSize)
        .setPageToken(token);
    if (type != null) {
      request.setType(type);
    }
    return server.activity().listEvents(request.build());
  }

  private List<Event> listAll(String type, int pageSize) {
    List<Event> all = new ArrayList<>();
    ListEventsResponse page = list(type, pageSize, "");
    all.addAll(page.getEventsList());
    while (!page.getNextPageToken().isEmpty()) {
      page = list(type, pageSize, page.getNextPageToken());
      all.addAll(page.getEventsList());
    }
    Set<String> unique = new HashSet<>(ids(all));
    assertEquals(all.size(), unique.size(), "no event repeats across pages");
    return all;
  }

  private List<DailyCount> counts(Instant from, Instant to) {
    return server.activity().getDailyCounts(GetDailyCountsRequest.newBuilder()
        .setWorkspaceId(workspace)
        .setStartDate(day(from).toString())
        .setEndDate(day(to).toString())
        .build()).getCountsList();
  }

  /** What GetDailyCounts should say: per day, then type, in that order. */
  private static List<DailyCount> expectedCounts(List<Event> events) {
    Map<String, Long> byDayAndType = new TreeMap<>(events.stream().collect(Collectors.groupingBy(
        e -> day(instant(e.getOccurredAt())) + " " + e.getType(), Collectors.counting())));
    return byDayAndType.entrySet().stream().map(entry -> DailyCount.newBuilder()
        .setDate(entry.getKey().split(" ")[0]).setType(entry.getKey().split(" ")[1]).setCount(entry.getValue())
        .build()).toList();
  }

  private static Set<LocalDate> days(List<Event> events) {
    return events.stream().map(e -> day(instant(e.getOccurredAt()))).collect(Collectors.toSet());
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private static List<String> ids(List<Event> events) {
    return events.stream().map(Event::getEventId).toList();
  }

}
