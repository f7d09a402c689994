package dev.polystore.activity.store;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.polystore.activity.domain.DailyCount;
import dev.polystore.activity.domain.Event;
import dev.polystore.activity.domain.EventPosition;
import dev.polystore.activity.domain.EventStore;
import dev.polystore.activity.domain.Retention;
import dev.polystore.platform.cassandra.CassandraStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The activity keyspace (V1__events.cql, V3__bucketed_partitions.cql). An event is claimed in
 * event_ids with a lightweight transaction, then written to events_by_day_bucket (partitioned by
 * workspace, UTC day and bucket) and events_by_type (by workspace, day and type, for the type
 * filter), and counted in daily_counts_bucket (by workspace, month and bucket). The bucket spreads a
 * busy workspace over {@link PartitionBuckets} partitions; reads ask every bucket, and the tables
 * before V3 (events_by_day, daily_counts) as one more, and merge. Only the claim's winner counts, so a repeat never counts twice; a
 * throttled count is retried (refused before it ran, see CqlExecutor), but a timeout or a failure
 * between the claim and the count can leave that one event uncounted (counters cannot be made
 * idempotent), never counted twice.
 */
public final class CassandraEventStore implements EventStore {
  private final CassandraStore cassandra;
  private final PartitionBuckets buckets;
  private volatile ActivityStatements statements;

  public CassandraEventStore(CassandraStore cassandra, PartitionBuckets buckets) {
    this.cassandra = cassandra;
    this.buckets = buckets;
  }

  @Override
  public CompletionStage<Boolean> record(Event event, Retention retention) {
    ActivityStatements cql = statements();
    int ttl = (int) retention.ttl(event.occurredAt()).toSeconds();
    BoundStatement claim = cql.claim().bind(event.workspaceId(), event.eventId(), event.actorId(), event.type(),
        event.subject(), event.attributes(), event.occurredAt(), ttl);
    return cassandra.executor().execute(claim).thenCompose(result -> {
      if (result.wasApplied()) {
        return writeRows(cql, event, ttl, true).thenApply(done -> true);
      }
      return firstCopy(cql, event, result)
          .thenCompose(first -> writeRows(cql, first, (int) retention.ttl(first.occurredAt()).toSeconds(), false))
          .thenApply(done -> false);
    });
  }

  /** The event's rows (re-written as they were on a repeat) and, for a new event, its count. */
  private CompletableFuture<Void> writeRows(ActivityStatements cql, Event event, int ttl, boolean count) {
    LocalDate day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
    short bucket = buckets.of(event.eventId());
    List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>(3);
    writes.add(run(cql.insertByDay().bind(event.workspaceId(), day, bucket, event.eventId(), event.actorId(),
        event.type(), event.subject(), event.attributes(), event.occurredAt(), ttl).setIdempotent(true)));
    writes.add(run(cql.insertByType().bind(event.workspaceId(), day, event.eventId(), event.actorId(), event.type(),
        event.subject(), event.attributes(), event.occurredAt(), ttl).setIdempotent(true)));
    if (count) {
      writes.add(run(cql.count().bind(event.workspaceId(), day.withDayOfMonth(1), bucket, day, event.type())));
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  /**
   * The copy that won the claim. Cassandra returns it with the unapplied result; where a store
   * does not, it is read at LOCAL_QUORUM (the default profile), a read level both engines take,
   * which sees every claim committed before it.
   */
  private CompletableFuture<Event> firstCopy(ActivityStatements cql, Event event, AsyncResultSet result) {
    Row row = result.one();
    if (row != null && row.getColumnDefinitions().contains("actor_id") && !row.isNull("actor_id")) {
      return CompletableFuture.completedFuture(event(row));
    }
    Statement<?> read = cql.readClaim().bind(event.workspaceId(), event.eventId()).setIdempotent(true);
    return run(read).thenApply(rows -> {
      Row first = rows.one();
      // Gone only if it expired in between: then this copy is as good as any.
      return first == null ? event : event(first);
    });
  }

  @Override
  public List<Event> day(UUID workspaceId, LocalDate day, Optional<String> type, Instant from, EventPosition after,
      int limit) {
    ActivityStatements cql = statements();
    List<BoundStatement> partitions = new ArrayList<>();
    if (type.isPresent()) {
      partitions.add(cql.selectDayOfType().bind(workspaceId, day, type.get(), from, after.occurredAt()));
    } else {
      for (short bucket : buckets.all()) {
        partitions.add(cql.selectDay().bind(workspaceId, day, bucket, from, after.occurredAt()));
      }
      partitions.add(cql.selectLegacyDay().bind(workspaceId, day, from, after.occurredAt()));
    }
    // All partitions at once; each gives at most `limit` events after the position, and the newest
    // `limit` of their union are the day's next `limit` (EventMerge).
    List<CompletableFuture<AsyncResultSet>> reads = new ArrayList<>(partitions.size());
    for (BoundStatement query : partitions) {
      // A few extra rows cover those of the position's own millisecond, which are skipped.
      // LOCAL_QUORUM (the default): a caller lists the events it has just recorded.
      reads.add(run(query.setPageSize(limit + 8).setIdempotent(true)));
    }
    List<List<Event>> each = new ArrayList<>(reads.size());
    for (CompletableFuture<AsyncResultSet> read : reads) {
      each.add(after(read.join(), after, limit));
    }
    return EventMerge.newestFirst(each, limit);
  }

  /** Up to {@code limit} events of one partition's rows that come after {@code position}, in order. */
  private static List<Event> after(AsyncResultSet page, EventPosition position, int limit) {
    List<Event> events = new ArrayList<>();
    AsyncResultSet current = page;
    while (true) {
      for (Row row : current.currentPage()) {
        Event event = event(row);
        if (position.precedes(event)) {
          events.add(event);
          if (events.size() == limit) {
            return events;
          }
        }
      }
      if (!current.hasMorePages()) {
        return events;
      }
      current = current.fetchNextPage().toCompletableFuture().join();
    }
  }

  @Override
  public List<DailyCount> counts(UUID workspaceId, LocalDate first, LocalDate last) {
    ActivityStatements cql = statements();
    List<CompletableFuture<AsyncResultSet>> partitions = new ArrayList<>();
    for (LocalDate month = first.withDayOfMonth(1); !month.isAfter(last); month = month.plusMonths(1)) {
      // LOCAL_QUORUM (the default): a caller counts the events it has just recorded.
      for (short bucket : buckets.all()) {
        partitions.add(run(cql.selectCounts().bind(workspaceId, month, bucket, first, last).setIdempotent(true)));
      }
      partitions.add(run(cql.selectLegacyCounts().bind(workspaceId, month, first, last).setIdempotent(true)));
    }
    // Each bucket counts its share of a day and type: the count is their sum.
    Map<LocalDate, Map<String, Long>> sums = new TreeMap<>();
    for (CompletableFuture<AsyncResultSet> partition : partitions) {
      for (DailyCount count : all(partition.join())) {
        sums.computeIfAbsent(count.day(), day -> new TreeMap<>()).merge(count.type(), count.count(), Long::sum);
      }
    }
    List<DailyCount> counts = new ArrayList<>();
    sums.forEach((day, types) -> types.forEach((type, events) -> counts.add(new DailyCount(day, type, events))));
    return counts;
  }

  private static List<DailyCount> all(AsyncResultSet page) {
    List<DailyCount> counts = new ArrayList<>();
    AsyncResultSet current = page;
    while (true) {
      for (Row row : current.currentPage()) {
        counts.add(new DailyCount(row.getLocalDate("day"), row.getString("type"), row.getLong("events")));
      }
      if (!current.hasMorePages()) {
        return counts;
      }
      current = current.fetchNextPage().toCompletableFuture().join();
    }
  }

  private CompletableFuture<AsyncResultSet> run(Statement<?> statement) {
    return cassandra.executor().execute(statement).toCompletableFuture();
  }

  private static Event event(Row row) {
    Map<String, String> attributes = row.getMap("attributes", String.class, String.class);
    return new Event(row.getString("event_id"), row.getUuid("workspace_id"), row.getString("actor_id"),
        row.getString("type"), row.getString("subject"), attributes == null ? Map.of() : attributes,
        row.getInstant("occurred_at"));
  }

  private ActivityStatements statements() {
    ActivityStatements prepared = statements;
    if (prepared == null) {
      synchronized (this) {
        if (statements == null) {
          statements = ActivityStatements.prepare(cassandra.session());
        }
        prepared = statements;
      }
    }
    return prepared;
  }
}
