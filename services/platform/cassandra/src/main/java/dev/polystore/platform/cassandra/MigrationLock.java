package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises the migrations of instances that start together: one row in
 * {@code schema_migration_lock}, taken with a lightweight transaction (INSERT ... IF NOT EXISTS).
 * The row has a TTL, so the lock of an instance that died while migrating frees itself; the
 * holder renews it while it works, every quarter of the TTL. A TTL belongs to each cell, not to
 * the row: a renewal rewrites every column, {@code owner} included, or the cells it left alone
 * expire on the first TTL and the lock is lost while still held.
 */
final class MigrationLock implements AutoCloseable {
  static final String TABLE = "schema_migration_lock";
  private static final Logger log = LoggerFactory.getLogger(MigrationLock.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final CqlSession session;
  private final Duration ttl;
  private final Duration renewEvery;
  private final String owner = UUID.randomUUID().toString();
  private Instant renewed;

  private MigrationLock(CqlSession session, Duration ttl) {
    if (ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("a lock TTL is whole seconds, at least 1: " + ttl);
    }
    this.session = session;
    this.ttl = ttl;
    this.renewEvery = ttl.dividedBy(4);
  }

  /** Waits up to {@code patience} for the lock; a MigrationException when it stays taken. */
  static MigrationLock acquire(CqlSession session, Duration ttl, Duration patience) {
    MigrationLock lock = new MigrationLock(session, ttl);
    long deadline = System.nanoTime() + patience.toNanos();
    boolean waited = false;
    while (true) {
      Row result = session.execute(SimpleStatement.newInstance(
          "INSERT INTO " + TABLE + " (name, owner, acquired_at) VALUES ('migrations', ?, ?) IF NOT EXISTS USING TTL "
              + ttl.toSeconds(), lock.owner, Instant.now())).one();
      if (result != null && result.getBoolean("[applied]")) {
        lock.renewed = Instant.now();
        return lock;
      }
      if (!waited) {
        log.info("waiting for another instance's migrations (lock held by {})", holder(result));
        waited = true;
      }
      if (System.nanoTime() > deadline) {
        throw new MigrationException("the migration lock stayed taken for " + patience.toSeconds() + " s");
      }
      Sleep.of(POLL);
    }
  }

  /** Who holds the lock, where the store says so with its refusal (Cassandra does, not every store). */
  private static String holder(Row refusal) {
    if (refusal == null || !refusal.getColumnDefinitions().contains("owner")) {
      return "another instance";
    }
    return refusal.getString("owner") + " since " + refusal.getInstant("acquired_at");
  }

  /** Extends the lock's TTL when it is due; called between statements and while waiting on DDL. */
  void renewIfDue() {
    if (Duration.between(renewed, Instant.now()).compareTo(renewEvery) < 0) {
      return;
    }
    Row result = session.execute(SimpleStatement.newInstance(
        "UPDATE " + TABLE + " USING TTL " + ttl.toSeconds()
            + " SET owner = ?, acquired_at = ? WHERE name = 'migrations' IF owner = ?",
        owner, Instant.now(), owner)).one();
    if (result == null || !result.getBoolean("[applied]")) {
      throw new MigrationException("lost the migration lock (it expired after " + ttl.toSeconds() + " s)");
    }
    renewed = Instant.now();
  }

  @Override
  public void close() {
    session.execute(SimpleStatement.newInstance(
        "DELETE FROM " + TABLE + " WHERE name = 'migrations' IF owner = ?", owner));
  }
}
