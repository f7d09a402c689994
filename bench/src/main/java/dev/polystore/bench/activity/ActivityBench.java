package dev.polystore.bench.activity;

import com.google.protobuf.Timestamp;
import dev.polystore.activity.ActivityModule;
import dev.polystore.activity.domain.Event;
import dev.polystore.activity.domain.EventPosition;
import dev.polystore.activity.domain.Retention;
import dev.polystore.activity.store.CassandraEventStore;
import dev.polystore.activity.store.PartitionBuckets;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.ActivityServiceGrpc.ActivityServiceBlockingStub;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.activity.v1.RecordEventsResponse;
import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.config.Env;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * RecordEvents and ListEvents through the gateway over loopback gRPC, against the same CQL issued
 * directly by the service's own store class (CassandraEventStore: per event the LWT claim in
 * event_ids, then the two event rows and the count increment, all through the driver's
 * executeAsync, the events of a batch concurrently as the service's recorder runs them; the day
 * partition's SELECT of a page), on the same Cassandra node in the same run.
 */
public final class ActivityBench implements BenchSuite {
  private static final int BATCH = 100;
  /** Set for the gateway too, so that both sides write the same TTLs. */
  private static final int RETENTION_DAYS = 90;
  /** Spread over a few types, as real traffic is: one type would make every count hit one counter cell. */
  private static final int TYPES = 8;
  private static final Map<String, String> ATTRIBUTES = Map.of("ip", "203.0.113.7", "agent", "polystore-bench/1");
  private static final int LIST_WORKSPACES = 8;
  private static final int EVENTS_PER_LIST_WORKSPACE = 2000;
  private static final Duration LIST_SPACING = Duration.ofMillis(100);
  private static final int PAGE_SIZE = 50;
  /** Rows the service reads for a page: one more tells it whether the day goes on. */
  private static final int PAGE_ROWS = PAGE_SIZE + 1;

  @Override
  public String name() {
    return "activity";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    Map<String, String> env = new HashMap<>(Devstack.cassandra().env());
    env.put(ActivityModule.RETENTION_DAYS, Integer.toString(RETENTION_DAYS));
    Retention retention = new Retention(Duration.ofDays(RETENTION_DAYS), Clock.systemUTC());
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway gateway = BenchGateway.start(ActivityModule.NAME, env);
        CassandraStore cassandra = new CassandraStore(ActivityModule.NAME, CassandraConfig.fromEnv(new Env(env)))) {
      ActivityServiceBlockingStub stub = ActivityServiceGrpc.newBlockingStub(gateway.channel());
      // The gateway has applied the migrations: this only checks them and opens the direct session.
      cassandra.migrate();
      // The same partition buckets as the gateway's (its default), so both write the same way.
      CassandraEventStore direct = new CassandraEventStore(cassandra,
          new PartitionBuckets(ActivityModule.DEFAULT_PARTITION_BUCKETS));

      // RecordEvents: each client writes to a workspace of its own, fresh event ids on every call.
      for (int clients : clientCounts) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<UUID> gatewayWorkspaces = workspaces(clients);
        List<UUID> directWorkspaces = workspaces(clients);
        Measurement viaGateway = runner.run("RecordEvents-gateway", clients, (client, seq) -> {
          RecordEventsRequest.Builder request = RecordEventsRequest.newBuilder();
          batch(gatewayWorkspaces.get(client), "g" + run + "-" + client + "-" + seq)
              .forEach(event -> request.addEvents(message(event)));
          RecordEventsResponse answer = stub.withDeadlineAfter(10, TimeUnit.SECONDS).recordEvents(request.build());
          requireAllNew(answer.getRecordedCount());
        });
        Measurement viaDriver = runner.run("RecordEvents-direct", clients, (client, seq) -> {
          List<CompletableFuture<Boolean>> writes = new ArrayList<>(BATCH);
          for (Event event : batch(directWorkspaces.get(client), "d" + run + "-" + client + "-" + seq)) {
            writes.add(direct.record(event, retention).toCompletableFuture());
          }
          CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
          requireAllNew((int) writes.stream().filter(CompletableFuture::join).count());
        });
        results.add(new Comparison("RecordEvents (events/s, batches of " + BATCH + "; p50/p99 per batch)",
            perEvent(viaGateway), perEvent(viaDriver)));
      }

      // ListEvents: the newest page of 50 before a point inside a seeded day, both sides the same
      // workspaces: the service answers it with one SELECT of 51 rows on that day's partition.
      Instant newest = seedNewest(Instant.now());
      List<UUID> listWorkspaces = workspaces(LIST_WORKSPACES);
      for (UUID workspace : listWorkspaces) {
        seed(direct, retention, workspace, newest);
      }
      Instant oldest = newest.minus(LIST_SPACING.multipliedBy(EVENTS_PER_LIST_WORKSPACE - 1));
      LocalDate day = LocalDate.ofInstant(newest, ZoneOffset.UTC);
      for (int clients : clientCounts) {
        Measurement viaGateway = runner.run("ListEvents-gateway", clients, (client, seq) -> {
          int got = stub.withDeadlineAfter(5, TimeUnit.SECONDS).listEvents(ListEventsRequest.newBuilder()
              .setWorkspaceId(listWorkspaces.get((int) ((client + seq) % LIST_WORKSPACES)).toString())
              .setStartTime(timestamp(oldest)).setEndTime(timestamp(pageEnd(newest, seq)))
              .setPageSize(PAGE_SIZE).build()).getEventsCount();
          requireRows(got, PAGE_SIZE);
        });
        Measurement viaDriver = runner.run("ListEvents-direct", clients, (client, seq) -> {
          List<Event> rows = direct.day(listWorkspaces.get((int) ((client + seq) % LIST_WORKSPACES)), day,
              Optional.empty(), oldest, EventPosition.before(pageEnd(newest, seq)), PAGE_ROWS);
          requireRows(rows.size(), PAGE_ROWS);
        });
        results.add(new Comparison("ListEvents (page of " + PAGE_SIZE + ")", viaGateway, viaDriver));
      }
    }
    return results;
  }

  /**
   * {@value #BATCH} events occurred just now, ids unique per call. They count as one operation in
   * the runner; the table shows events.
   */
  private static List<Event> batch(UUID workspace, String callId) {
    Instant now = Instant.now();
    List<Event> events = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      events.add(new Event(callId + "-" + i, workspace, "user:bench-" + (i % 10), "bench.event_" + (i % TYPES),
          "files/" + callId + "-" + i, ATTRIBUTES, now.minusMillis(i)));
    }
    return events;
  }

  private static dev.polystore.activity.v1.Event message(Event event) {
    return dev.polystore.activity.v1.Event.newBuilder().setEventId(event.eventId())
        .setWorkspaceId(event.workspaceId().toString()).setActorId(event.actorId()).setType(event.type())
        .setSubject(event.subject()).putAllAttributes(event.attributes()).setOccurredAt(timestamp(event.occurredAt()))
        .build();
  }

  private static Measurement perEvent(Measurement batches) {
    return new Measurement(batches.name(), batches.clients(), batches.throughput() * BATCH, batches.p50Millis(),
        batches.p99Millis());
  }

  /**
   * The newest seeded event's time: a little before now, or the last millisecond of yesterday when
   * today has not yet room for all of them, so that every seeded event is on one UTC day (the
   * service would otherwise walk two partitions where the direct side reads one) and inside the
   * accepted window of two days back.
   */
  private static Instant seedNewest(Instant now) {
    Instant newest = now.minusSeconds(5);
    Duration span = LIST_SPACING.multipliedBy(EVENTS_PER_LIST_WORKSPACE);
    Instant startOfDay = LocalDate.ofInstant(newest, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    return newest.minus(span).isBefore(startOfDay) ? startOfDay.minusMillis(1) : newest;
  }

  private static void seed(CassandraEventStore store, Retention retention, UUID workspace, Instant newest) {
    for (int from = 0; from < EVENTS_PER_LIST_WORKSPACE; from += BATCH) {
      List<CompletableFuture<Boolean>> writes = new ArrayList<>(BATCH);
      for (int i = from; i < Math.min(EVENTS_PER_LIST_WORKSPACE, from + BATCH); i++) {
        Event event = new Event("seed-" + i, workspace, "user:seed", "bench.event_" + (i % TYPES), "", ATTRIBUTES,
            newest.minus(LIST_SPACING.multipliedBy(i)));
        writes.add(store.record(event, retention).toCompletableFuture());
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }
  }

  /** An exclusive end with well over a page of seeded events before it, spread over the seeded span. */
  private static Instant pageEnd(Instant newest, long seq) {
    int below = EVENTS_PER_LIST_WORKSPACE - 2 * PAGE_ROWS;
    return newest.minus(LIST_SPACING.multipliedBy((seq * 7919) % below));
  }

  private static List<UUID> workspaces(int count) {
    List<UUID> workspaces = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      workspaces.add(UUID.randomUUID());
    }
    return workspaces;
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  /** A repeat would skip the writes after the claim and flatter that side, so it fails the run. */
  private static void requireAllNew(int recorded) {
    if (recorded != BATCH) {
      throw new IllegalStateException(recorded + " of " + BATCH + " events were new; every event id must be fresh");
    }
  }

  private static void requireRows(int got, int wanted) {
    if (got != wanted) {
      throw new IllegalStateException(got + " events instead of " + wanted + ": the seeded page is not full");
    }
  }
}
