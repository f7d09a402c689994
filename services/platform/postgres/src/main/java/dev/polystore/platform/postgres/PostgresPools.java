package dev.polystore.platform.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.polystore.platform.grpc.StoreContact;
import dev.polystore.platform.telemetry.Telemetry;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The writer and reader connection pools of one service, with Jdbi on each. Store code picks per
 * query: {@link #writer()} for writes and reads that must see them, {@link #reader()} where a
 * slightly stale answer is fine. Without a separate reader setting both are the same pool. Point
 * reads and one-statement writes that a handler answers without a thread go through {@link #async()} instead.
 */
public final class PostgresPools implements AutoCloseable {
  private final PostgresConfig config;
  private final HikariDataSource writerPool;
  private final HikariDataSource readerPool;
  private final Jdbi writer;
  private final Jdbi reader;
  private final String applicationName;
  /** Opened by the first {@link #async()}: only services that use it hold its connections. */
  private PostgresAsyncClient async;

  public PostgresPools(PostgresConfig config, String applicationName) {
    this.config = config;
    this.applicationName = applicationName;
    this.writerPool = pool(config, config.writer(), config.writerCredentials(), applicationName + "-writer", false);
    this.readerPool = config.hasSeparateReader()
        ? pool(config, config.reader(), config.readerCredentials(), applicationName + "-reader", true)
        : writerPool;
    this.writer = jdbi(writerPool, config.database());
    this.reader = readerPool == writerPool ? writer : jdbi(readerPool, config.database());
  }

  /** Jdbi on a pool, telling each call when it got a connection (see StoreContact). */
  private static Jdbi jdbi(HikariDataSource pool, String database) {
    return Jdbi.create(() -> {
      StoreContact.awaitingStore();
      Connection connection = pool.getConnection();
      StoreContact.reached();
      return connection;
    }).installPlugin(new PostgresPlugin()).setSqlLogger(new StatementObservations(database));
  }

  private static HikariDataSource pool(PostgresConfig config, PostgresEndpoint endpoint, PostgresCredentials credentials,
      String name, boolean readOnly) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(name);
    hikari.setJdbcUrl(endpoint.jdbcUrl(config.database()));
    hikari.setCredentialsProvider(credentials); // asked for every new connection
    hikari.setMaximumPoolSize(config.maxConnections());
    hikari.setMinimumIdle(config.minConnections());
    hikari.setIdleTimeout(config.idleTimeout().toMillis());
    hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
    hikari.setReadOnly(readOnly);
    // HikariCP's own meters (hikaricp.connections.active, .pending, .timeout, ...), tagged pool=name.
    hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(Telemetry.meters()));
    // Start even while the database is away: the service reports NOT_SERVING until it answers.
    hikari.setInitializationFailTimeout(-1);
    // Fail a dead TCP connect fast; bound reads and statements (DriverProperties).
    hikari.setDataSourceProperties(DriverProperties.of(config, endpoint, name, Duration.ofSeconds(5),
        config.socketTimeout()));
    if (readOnly) {
      return new HikariDataSource(hikari);
    }
    // After a failover, refuse connections to the demoted writer and drop those made before.
    hikari.addDataSourceProperty("targetServerType", "primary");
    AtomicReference<HikariDataSource> created = new AtomicReference<>();
    hikari.setExceptionOverride(new ReadOnlyWriter(created::get));
    created.set(new HikariDataSource(hikari));
    return created.get();
  }

  public Jdbi writer() {
    return writer;
  }

  public Jdbi reader() {
    return reader;
  }

  /** Statements that hold no thread, on the writer and the reader (see {@link PostgresAsyncClient}), closed with these pools. */
  public synchronized PostgresAsyncClient async() {
    if (async == null) {
      async = new PostgresAsyncClient(config, applicationName);
    }
    return async;
  }

  public DataSource writerDataSource() {
    return writerPool;
  }

  /** No connection open in either pool: the service is idle (see PostgresConfig#allowPause). */
  boolean isEmpty() {
    return writerPool.getHikariPoolMXBean().getTotalConnections() == 0
        && readerPool.getHikariPoolMXBean().getTotalConnections() == 0;
  }

  public PostgresConfig config() {
    return config;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (async != null) {
        async.close();
      }
    }
    if (readerPool != writerPool) {
      readerPool.close();
    }
    writerPool.close();
  }
}
