package dev.polystore.platform.postgres.testing;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.grpc.GrpcServer;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.service.ServiceHost;
import dev.polystore.platform.service.ServiceModule;
import dev.polystore.platform.testing.ServedModule;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A PostgreSQL service module as it runs for real (see {@link ServedModule}), on a fresh database of
 * devstack's PostgreSQL.
 */
public final class PostgresServedModule<M extends ServiceModule> implements AutoCloseable {
  /** Stubs of the tests get this deadline on every call. */
  public static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  public final LocalPostgres postgres = Devstack.postgres();
  public final String database;
  public final M module;
  public final ServiceHost host;
  public final GrpcServer server;
  public final ManagedChannel channel;
  private final ServedModule<M> served;
  private final List<String> tables;

  /**
   * @param service the module's name, which prefixes the database's
   * @param tables the tables {@link #tableContents()} reports
   * @param factory the module on a config for the new database, writer and reader alike
   */
  public PostgresServedModule(String service, List<String> tables, Function<PostgresConfig, M> factory) {
    this.database = service + "_it_" + UUID.randomUUID().toString().replace("-", "");
    this.tables = List.copyOf(tables);
    postgres.createDatabase(database);
    module = factory.apply(PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, postgres.connectionUrl(),
        "DB_MAX_CONNECTIONS", "5", "DB_MIN_CONNECTIONS", "1", "DB_CONNECTION_TIMEOUT_MS", "5000")), database));
    served = new ServedModule<>(module);
    host = served.host;
    server = served.server;
    channel = served.channel;
  }

  /** Starts a server and waits until it reports SERVING, which it does once its migrations ran. */
  public static <M extends ServiceModule> PostgresServedModule<M> startServing(String service, List<String> tables,
      Function<PostgresConfig, M> factory) throws InterruptedException {
    PostgresServedModule<M> started = new PostgresServedModule<>(service, tables, factory);
    started.served.awaitServing(Duration.ofSeconds(60));
    return started;
  }

  /** The status once it is {@code wanted}, or the last one seen when {@code limit} runs out. */
  public ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    return served.awaitStatus(wanted, limit);
  }

  /**
   * Per table, its row count and a digest of every row, to show that a refused request changed
   * nothing: no row added or removed, and none updated either.
   */
  public Map<String, String> tableContents() throws SQLException {
    Map<String, String> contents = new LinkedHashMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      for (String table : tables) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, ','"
            + " ORDER BY t::text)), '') FROM " + table + " AS t")) {
          rows.next();
          contents.put(table, rows.getLong(1) + " rows, digest " + rows.getString(2));
        }
      }
    }
    return contents;
  }

  /** A connection of the test's own, as the superuser, to the module's database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
  }

  @Override
  public void close() {
    served.close();
    if (postgres.isRunning()) {
      postgres.dropDatabase(database);
    }
  }
}
