package dev.polystore.platform.postgres;

import dev.polystore.platform.health.ManagedStore;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's PostgreSQL as the {@link dev.polystore.platform.health.StoreSupervisor} sees it:
 * Flyway migrations from {@code classpath:db/<service>} and a reachability probe. Flyway holds a
 * PostgreSQL advisory lock while it migrates, so instances that start together apply each
 * migration once.
 */
public final class PostgresStore implements ManagedStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);

  private final String service;
  private final PostgresPools pools;
  private final PostgresProbe probe;
  private volatile boolean lastAnswer = true;

  public PostgresStore(String service, PostgresPools pools) {
    this.service = service;
    this.pools = pools;
    this.probe = new PostgresProbe(pools.config());
  }

  @Override
  public void migrate() {
    MigrateResult result;
    try {
      result = Flyway.configure()
          .dataSource(pools.writerDataSource())
          .locations("classpath:db/" + service)
          .validateMigrationNaming(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw MissingSetup.of(e, pools.config()).<RuntimeException>map(missing -> missing).orElse(e);
    }
    log.info("{}: schema at version {} ({} migrations applied now) on {}", service,
        result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
        result.migrationsExecuted, pools.config().writer().describe(pools.config().database()));
  }

  @Override
  public boolean isReachable() {
    if (pools.config().allowPause() && pools.isEmpty()) {
      // Idle: a probe would keep the instance awake (a connection attempt resumes a paused one).
      // The next call opens a connection, resuming it, and then the probe runs again.
      probe.close();
      return lastAnswer;
    }
    lastAnswer = probe.isReachable();
    return lastAnswer;
  }

  public PostgresPools pools() {
    return pools;
  }

  @Override
  public void close() {
    probe.close();
    pools.close();
  }
}
