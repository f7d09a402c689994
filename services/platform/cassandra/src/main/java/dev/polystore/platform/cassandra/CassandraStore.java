package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.telemetry.Telemetry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's keyspace as the {@link dev.polystore.platform.health.StoreSupervisor} sees it. The
 * session is opened by the first {@link #migrate()} that reaches the store (so a service starts
 * while Cassandra is away and reports NOT_SERVING), creating the keyspace if it is missing; after
 * that the driver reconnects by itself, and {@link #isReachable()} tells when it is back.
 */
public final class CassandraStore implements ManagedStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CassandraStore.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
  /** Answered by Cassandra and Amazon Keyspaces alike. */
  private static final SimpleStatement PROBE = SimpleStatement.newInstance("SELECT release_version FROM system.local")
      .setTimeout(PROBE_TIMEOUT)
      .setExecutionProfileName(CassandraDriverConfig.READS);

  private final String service;
  private final String keyspace;
  private final CassandraConfig config;
  private final CqlMigrations migrations;
  /** Waits between retries of {@link CqlExecutor}; one daemon thread, it only schedules. */
  private final ScheduledExecutorService retryTimer;
  private volatile CqlSession session;
  private volatile CqlExecutor executor;
  private boolean closed;

  /** The keyspace is named after the service, as DESIGN.md has it (keyspace {@code activity}). */
  public CassandraStore(String service, CassandraConfig config) {
    this(service, service, config);
  }

  /** A keyspace of another name: tests use one of their own. */
  public CassandraStore(String service, String keyspace, CassandraConfig config) {
    this.service = service;
    this.keyspace = KeyspaceBootstrap.checkedName(keyspace);
    this.config = config;
    this.migrations = new CqlMigrations(service, keyspace, config.dialect(), CassandraStore.class.getClassLoader(),
        config.migrationLockTtl());
    this.retryTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "polystore-" + service + "-cql-retries");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public void migrate() {
    int applied = migrations.apply(connect());
    log.info("{}: keyspace {} migrated ({} migrations applied now) on {}", service, keyspace, applied,
        config.describe());
  }

  @Override
  public boolean isReachable() {
    CqlSession current = session;
    if (current == null) {
      return false;
    }
    try {
      return current.execute(PROBE).one() != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The session, bound to the keyspace; UNAVAILABLE until the store was first reached. */
  public CqlSession session() {
    CqlSession current = session;
    if (current == null) {
      throw ServiceException.unavailable(service + " has not reached " + config.describe() + " yet", null);
    }
    return current;
  }

  /** Runs statements on {@link #session()}, retrying idempotent ones with backoff. */
  public CqlExecutor executor() {
    session();
    return executor;
  }

  public String keyspace() {
    return keyspace;
  }

  public CassandraConfig config() {
    return config;
  }

  private synchronized CqlSession connect() {
    if (closed) {
      throw new IllegalStateException(service + ": the Cassandra store is closed");
    }
    if (session == null) {
      CqlSession opened;
      try {
        opened = open(true);
      } catch (InvalidKeyspaceException missing) {
        try (CqlSession admin = open(false)) {
          KeyspaceBootstrap.create(admin, config, keyspace);
        }
        log.info("{}: created keyspace {} on {}", service, keyspace, config.describe());
        opened = open(true);
      }
      executor = new CqlExecutor(opened, retryTimer, Backoff.REQUESTS);
      session = opened;
    }
    return session;
  }

  private CqlSession open(boolean withKeyspace) {
    var builder = CqlSession.builder()
        .withConfigLoader(CassandraDriverConfig.loader(config, "polystore-" + service))
        .withMetricRegistry(Telemetry.meters());
    if (withKeyspace) {
      builder.withKeyspace(CqlIdentifier.fromCql(keyspace));
    }
    return builder.build();
  }

  @Override
  public synchronized void close() {
    closed = true;
    retryTimer.shutdownNow();
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
