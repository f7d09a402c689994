package dev.polystore.platform.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.polystore.platform.grpc.StoreContact;
import dev.polystore.platform.telemetry.Telemetry;
import java.sql.Connection;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The writer and reader connection pools of one service, with Jdbi on each. Store code picks per
 * query: {@link #writer()} for writes and reads that must see them, {@link #reader()} where a
 * slightly stale answer is fine. Without a separate reader setting both are the same pool.
 */
public final class PostgresPools implements AutoCloseable {
  private final PostgresConfig config;
  private final HikariDataSource writerPool;
  private final HikariDataSource readerPool;
  private final Jdbi writer;
  private final Jdbi reader;

  public PostgresPools(PostgresConfig config, String applicationName) {
    this.config = config;
    this.writerPool = pool(config, config.writer(), applicationName + "-writer", false);
    this.readerPool = config.hasSeparateReader()
        ? pool(config, config.reader(), applicationName + "-reader", true)
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

  private static HikariDataSource pool(PostgresConfig config, PostgresEndpoint endpoint, String name, boolean readOnly) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(name);
    hikari.setJdbcUrl(endpoint.jdbcUrl(config.database()));
    hikari.setUsername(endpoint.user());
    hikari.setPassword(endpoint.password());
    hikari.setMaximumPoolSize(config.maxConnections());
    hikari.setMinimumIdle(config.minConnections());
    hikari.setIdleTimeout(config.idleTimeout().toMillis());
    hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
    hikari.setReadOnly(readOnly);
    // HikariCP's own meters (hikaricp.connections.active, .pending, .timeout, ...), tagged pool=name.
    hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(Telemetry.meters()));
    // Start even while the database is away: the service reports NOT_SERVING until it answers.
    hikari.setInitializationFailTimeout(-1);
    // Fail a dead TCP connect fast; the deadline guard covers the rest.
    hikari.addDataSourceProperty("connectTimeout", "5");
    hikari.addDataSourceProperty("tcpKeepAlive", "true");
    hikari.addDataSourceProperty("ApplicationName", name);
    return new HikariDataSource(hikari);
  }

  public Jdbi writer() {
    return writer;
  }

  public Jdbi reader() {
    return reader;
  }

  public DataSource writerDataSource() {
    return writerPool;
  }

  public PostgresConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (readerPool != writerPool) {
      readerPool.close();
    }
    writerPool.close();
  }
}
