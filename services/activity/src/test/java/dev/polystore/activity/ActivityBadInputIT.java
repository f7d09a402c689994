package dev.polystore.activity;

import static dev.polystore.activity.Events.batch;
import static dev.polystore.activity.Events.event;
import static dev.polystore.activity.Events.timestamp;
import static dev.polystore.platform.testing.BadRequestCases.bad;

import dev.polystore.activity.v1.ActivityServiceGrpc.ActivityServiceBlockingStub;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.platform.testing.BadRequestCases;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every RPC, requests that break a rule (the contract's or the domain's) get INVALID_ARGUMENT
 * whose google.rpc.BadRequest names the field, and change no table of the keyspace: neither its
 * row count nor any row. A bad batch is refused whole, however many good events it holds.
 */
class ActivityBadInputIT {
  private static final String NOT_A_UUID = "not-a-uuid";
  private static final String WORKSPACE = UUID.randomUUID().toString();
  private static ActivityServer server;
  private static BadRequestCases<ActivityServiceBlockingStub> checks;
  private static String untypedListsToken;
  private final Instant now = Events.now();

  @BeforeAll
  static void start() throws InterruptedException {
    server = ActivityServer.startServing();
    checks = new BadRequestCases<>(server::activity, server::tableContents);
    // Real rows, so that "nothing changed" compares something, and a real page token.
    Instant now = Events.now();
    server.activity().recordEvents(batch(List.of(
        event(WORKSPACE, "kept-1", "file.uploaded", now.minus(Duration.ofHours(2))).build(),
        event(WORKSPACE, "kept-2", "file.uploaded", now.minus(Duration.ofHours(1))).build())));
    untypedListsToken = server.activity().listEvents(validList().setPageSize(1).build()).getNextPageToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> recordEvents() {
    return checks.of(
        bad("the fourth of five events older than two days", "events[3].occurred_at",
            s -> s.recordEvents(batchWith(3, e -> e.setOccurredAt(timestamp(now.minus(Duration.ofHours(49))))))),
        bad("an event more than five minutes ahead", "events[0].occurred_at",
            s -> s.recordEvents(batchWith(0, e -> e.setOccurredAt(timestamp(now.plus(Duration.ofMinutes(10))))))),
        bad("an event without occurred_at", "events[1].occurred_at",
            s -> s.recordEvents(batchWith(1, Event.Builder::clearOccurredAt))),
        bad("an event id twice in one batch", "events[2].event_id",
            s -> s.recordEvents(batchWith(2, e -> e.setEventId("good-0")))),
        bad("no events", "events", s -> s.recordEvents(RecordEventsRequest.getDefaultInstance())),
        bad("101 events", "events", s -> s.recordEvents(batch(goodEvents(101)))),
        bad("a workspace id that is no UUID", "events[4].workspace_id",
            s -> s.recordEvents(batchWith(4, e -> e.setWorkspaceId(NOT_A_UUID)))),
        bad("an event id with a space", "events[0].event_id",
            s -> s.recordEvents(batchWith(0, e -> e.setEventId("two words")))),
        bad("an empty actor", "events[0].actor_id", s -> s.recordEvents(batchWith(0, e -> e.setActorId("")))),
        bad("a type in capitals", "events[0].type", s -> s.recordEvents(batchWith(0, e -> e.setType("File.Uploaded")))),
        bad("a subject over 256 characters", "events[0].subject",
            s -> s.recordEvents(batchWith(0, e -> e.setSubject("s".repeat(257))))),
        bad("an attribute value over 512 bytes", "events[0].attributes[\"note\"]",
            s -> s.recordEvents(batchWith(0, e -> e.putAttributes("note", "é".repeat(257))))),
        bad("33 attributes", "events[0].attributes", s -> s.recordEvents(batchWith(0, e -> {
          for (int i = 0; i < 33; i++) {
            e.putAttributes("key" + i, "v");
          }
        }))));
  }

  @TestFactory
  Stream<DynamicTest> listEvents() {
    return checks.of(
        bad("a workspace id that is no UUID", "workspace_id",
            s -> s.listEvents(validList().setWorkspaceId(NOT_A_UUID).build())),
        bad("no start_time", "start_time", s -> s.listEvents(validList().clearStartTime().build())),
        bad("no end_time", "end_time", s -> s.listEvents(validList().clearEndTime().build())),
        bad("end_time before start_time", "end_time", s -> s.listEvents(validList()
            .setEndTime(timestamp(now.minus(Duration.ofDays(2)))).build())),
        bad("a page size over 500", "page_size", s -> s.listEvents(validList().setPageSize(501).build())),
        bad("a type in capitals", "type", s -> s.listEvents(validList().setType("File").build())),
        bad("a page token that is no token", "page_token", s -> s.listEvents(validList().setPageToken("garbage").build())),
        bad("another list's page token", "page_token",
            s -> s.listEvents(validList().setType("file.uploaded").setPageToken(untypedListsToken).build())));
  }

  @TestFactory
  Stream<DynamicTest> getDailyCounts() {
    return checks.of(
        bad("a workspace id that is no UUID", "workspace_id",
            s -> s.getDailyCounts(validCounts().setWorkspaceId(NOT_A_UUID).build())),
        bad("a start date in another format", "start_date",
            s -> s.getDailyCounts(validCounts().setStartDate("yesterday").build())),
        bad("a start date that is no day", "start_date",
            s -> s.getDailyCounts(validCounts().setStartDate("2026-02-30").build())),
        bad("an end date before the start date", "end_date",
            s -> s.getDailyCounts(validCounts().setEndDate(today().minusDays(3).toString()).build())),
        bad("a range over 366 days", "end_date",
            s -> s.getDailyCounts(validCounts().setStartDate(today().minusDays(400).toString()).build())));
  }

  /** Five good events of a fresh workspace, the one at {@code index} changed by {@code change}. */
  private RecordEventsRequest batchWith(int index, java.util.function.Consumer<Event.Builder> change) {
    List<Event> events = new ArrayList<>(goodEvents(5));
    Event.Builder changed = events.get(index).toBuilder();
    change.accept(changed);
    events.set(index, changed.build());
    return batch(events);
  }

  private List<Event> goodEvents(int count) {
    String workspace = UUID.randomUUID().toString();
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(workspace, "good-" + i, "file.uploaded", now.minus(Duration.ofMinutes(i))).build());
    }
    return events;
  }

  private static ListEventsRequest.Builder validList() {
    Instant now = Events.now();
    return ListEventsRequest.newBuilder()
        .setWorkspaceId(WORKSPACE)
        .setStartTime(timestamp(now.minus(Duration.ofDays(1))))
        .setEndTime(timestamp(now.plus(Duration.ofMinutes(1))));
  }

  private static GetDailyCountsRequest.Builder validCounts() {
    return GetDailyCountsRequest.newBuilder()
        .setWorkspaceId(WORKSPACE)
        .setStartDate(today().minusDays(1).toString())
        .setEndDate(today().toString());
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }
}
