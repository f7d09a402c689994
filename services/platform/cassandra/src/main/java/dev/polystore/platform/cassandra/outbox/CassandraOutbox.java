package dev.polystore.platform.cassandra.outbox;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.events.OutboxRow;
import dev.polystore.platform.events.OutboxSource;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A keyspace's outbox as the relay drains it. Each round publishes the unsent rows of the buckets
 * this relay leases ({@link OutboxLeases}), oldest first within a bucket, then moves each row to
 * {@code outbox_sent} in a logged batch (delete + insert). Sent rows carry a TTL of the retention,
 * so Cassandra deletes them itself and {@link #purgeSentBefore} has nothing to do.
 */
public final class CassandraOutbox implements OutboxSource {
  private final CassandraStore store;
  private final Supplier<OutboxStatements> statements;
  private final OutboxLeases leases;
  private final Duration retention;
  private final Clock clock;

  public CassandraOutbox(CassandraStore store, Duration retention, Clock clock) {
    this.store = store;
    this.statements = OutboxStatements.lazily(store);
    this.leases = new OutboxLeases(store, statements, clock);
    this.retention = retention;
    this.clock = clock;
  }

  @Override
  public int relay(int max, Publisher publish) {
    OutboxStatements cql = statements.get();
    List<Unsent> claimed = new ArrayList<>();
    for (int bucket : leases.current()) {
      for (Row row : read(cql.selectUnsent().bind(bucket, max - claimed.size()))) {
        claimed.add(new Unsent(bucket, row.getInstant("created_at"),
            new OutboxRow(row.getUuid("event_id"), row.getString("type"), bytes(row))));
      }
      if (claimed.size() >= max) {
        break;
      }
    }
    if (claimed.isEmpty()) {
      return 0;
    }
    publish.publish(claimed.stream().map(Unsent::row).toList());
    Instant now = clock.instant();
    int ttl = (int) retention.toSeconds();
    List<CompletableFuture<?>> moves = new ArrayList<>();
    for (Unsent unsent : claimed) {
      OutboxRow row = unsent.row();
      // One logged batch per row: the row is in the outbox or in the sent log, never in neither.
      moves.add(store.executor().execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
              cql.deleteRow().bind(unsent.bucket(), unsent.createdAt(), row.eventId()),
              cql.insertSent().bind(OutboxBuckets.ofEvent(row.eventId()), row.eventId(), row.type(),
                  ByteBuffer.wrap(row.payload()), now, ttl))
          .setIdempotent(true)).toCompletableFuture());
    }
    CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new)).join();
    return claimed.size();
  }

  /**
   * In the order (bucket of the event id, event id) rather than the event ids' time: a cursor of an
   * event id alone then names where the next page starts.
   */
  @Override
  public List<OutboxRow> sentSince(Instant since, UUID after, int max) {
    OutboxStatements cql = statements.get();
    List<OutboxRow> page = new ArrayList<>();
    int bucket = after == null ? 0 : OutboxBuckets.ofEvent(after);
    UUID cursor = after;
    while (bucket < OutboxBuckets.COUNT && page.size() < max) {
      int want = max - page.size();
      List<Row> rows = read(cursor == null
          ? cql.selectSentFirst().bind(bucket, want)
          : cql.selectSentAfter().bind(bucket, cursor, want));
      for (Row row : rows) {
        cursor = row.getUuid("event_id");
        if (!row.getInstant("sent_at").isBefore(since)) {
          page.add(new OutboxRow(cursor, row.getString("type"), bytes(row)));
        }
      }
      if (rows.size() < want) {
        bucket++;
        cursor = null;
      }
    }
    return page;
  }

  @Override
  public int purgeSentBefore(Instant before, int max) {
    return 0; // outbox_sent rows expire by their TTL
  }

  @Override
  public Optional<Instant> oldestUnsent() {
    OutboxStatements cql = statements.get();
    List<CompletableFuture<Optional<Instant>>> firsts = new ArrayList<>();
    for (int bucket = 0; bucket < OutboxBuckets.COUNT; bucket++) {
      firsts.add(store.executor().execute(cql.selectUnsent().bind(bucket, 1).setIdempotent(true)).toCompletableFuture()
          .thenApply(rows -> Optional.ofNullable(rows.one()).map(row -> row.getInstant("created_at"))));
    }
    return firsts.stream().map(CompletableFuture::join).flatMap(Optional::stream).min(Comparator.naturalOrder());
  }

  /** The rows of a query with a LIMIT (all of them: at most a relay batch). */
  private List<Row> read(BoundStatement query) {
    return store.session().execute(query.setIdempotent(true)).all();
  }

  private static byte[] bytes(Row row) {
    ByteBuffer payload = row.getByteBuffer("payload");
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    return bytes;
  }

  private record Unsent(int bucket, Instant createdAt, OutboxRow row) {}
}
