package dev.polystore.platform.cassandra.outbox;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.polystore.platform.cassandra.CassandraStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The outbox buckets one relay holds: Cassandra has no SKIP LOCKED, so each bucket has a lease,
 * taken with a lightweight transaction (INSERT ... IF NOT EXISTS) and renewed with another
 * (UPDATE ... IF owner = ?), both with a TTL, as the migration lock does: a dead relay's buckets
 * free themselves after the TTL and another relay takes them. Free buckets are asked for at most
 * once per renewal period, so an instance that holds none costs few lightweight transactions.
 */
final class OutboxLeases {
  static final Duration TTL = Duration.ofSeconds(20);
  private static final Duration RENEW_EVERY = TTL.dividedBy(4);

  private final CassandraStore store;
  private final Supplier<OutboxStatements> statements;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();
  /** Bucket -> when this relay last took or renewed it. */
  private final Map<Integer, Instant> held = new HashMap<>();
  private Instant nextTake = Instant.MIN;

  OutboxLeases(CassandraStore store, Supplier<OutboxStatements> statements, Clock clock) {
    this.store = store;
    this.statements = statements;
    this.clock = clock;
  }

  /** The buckets this relay may publish now: its leases renewed where due, free ones taken when it is time to look. */
  synchronized List<Integer> current() {
    Instant now = clock.instant();
    boolean lookForFree = !now.isBefore(nextTake);
    if (lookForFree) {
      nextTake = now.plus(RENEW_EVERY);
    }
    List<Integer> mine = new ArrayList<>();
    for (int bucket = 0; bucket < OutboxBuckets.COUNT; bucket++) {
      Instant renewed = held.get(bucket);
      boolean ours;
      if (renewed != null) {
        ours = now.isBefore(renewed.plus(RENEW_EVERY)) || renew(bucket, now);
      } else {
        ours = lookForFree && take(bucket, now);
      }
      if (ours) {
        mine.add(bucket);
      }
    }
    return mine;
  }

  private boolean take(int bucket, Instant now) {
    // Not idempotent for the driver: a retried IF NOT EXISTS would find its own lease and report it as another's.
    Row result = store.session().execute(statements.get().takeLease().bind(bucket, owner, (int) TTL.toSeconds())).one();
    return applied(result, bucket, now);
  }

  private boolean renew(int bucket, Instant now) {
    Row result = store.session().execute(statements.get().renewLease().bind((int) TTL.toSeconds(), owner, bucket,
        owner)).one();
    return applied(result, bucket, now);
  }

  private boolean applied(Row result, int bucket, Instant now) {
    if (result != null && result.getBoolean("[applied]")) {
      held.put(bucket, now);
      return true;
    }
    held.remove(bucket);
    return false;
  }
}
