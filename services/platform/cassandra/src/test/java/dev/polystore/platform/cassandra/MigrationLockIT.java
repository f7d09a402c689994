package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.cassandra.testing.ManagedKeyspaces;
import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migration lock on devstack's real Cassandra (or Amazon Keyspaces, {@link ManagedKeyspaces}), with
 * a TTL of a few seconds: a holder that keeps renewing holds it well past its TTL (a slow Keyspaces
 * migration), and another instance waits.
 */
class MigrationLockIT {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final CassandraConfig CONFIG = ManagedKeyspaces.config()
      .orElseGet(() -> CassandraConfig.fromEnv(new Env(Devstack.cassandra().env())));
  private static final String KEYSPACE = "lock_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static CqlSession session;

  @BeforeAll
  static void createLockTable() {
    try (CqlSession admin = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(CONFIG, "lock-it")).build()) {
      KeyspaceBootstrap.create(admin, CONFIG, KEYSPACE);
    }
    session = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(CONFIG, "lock-it"))
        .withKeyspace(CqlIdentifier.fromCql(KEYSPACE)).build();
    String ddl = "CREATE TABLE IF NOT EXISTS " + MigrationLock.TABLE + " (name text PRIMARY KEY, owner text, acquired_at timestamp)"
        + (CONFIG.isKeyspaces() ? " WITH custom_properties = {'ttl': {'status': 'enabled'}}" : "");
    SchemaSettling.await(session, CONFIG.dialect(), KEYSPACE,
        session.execute(SimpleStatement.newInstance(ddl).setExecutionProfileName(CassandraDriverConfig.DDL)),
        DdlTarget.of(ddl), () -> { });
  }

  @AfterAll
  static void dropKeyspace() {
    session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + KEYSPACE)
        .setExecutionProfileName(CassandraDriverConfig.DDL));
    session.close();
  }

  @Test
  void aHolderThatRenewsKeepsTheLockPastItsTtl() {
    try (MigrationLock lock = MigrationLock.acquire(session, TTL, Duration.ZERO)) {
      // Work three TTLs long, renewing between steps as a migration does between statements.
      long until = System.nanoTime() + TTL.multipliedBy(3).toNanos();
      while (System.nanoTime() < until) {
        Sleep.of(Duration.ofMillis(100));
        lock.renewIfDue();
      }

      Row row = session.execute("SELECT owner FROM " + MigrationLock.TABLE + " WHERE name = 'migrations'").one();
      assertFalse(row == null || row.isNull("owner"), "the lock row lost its owner");
      MigrationException waited = assertThrows(MigrationException.class,
          () -> MigrationLock.acquire(session, TTL, Duration.ZERO).close());
      assertEquals("the migration lock stayed taken for 0 s", waited.getMessage());
    }
    // Released: the next instance gets it at once.
    MigrationLock.acquire(session, TTL, Duration.ZERO).close();
  }
}
