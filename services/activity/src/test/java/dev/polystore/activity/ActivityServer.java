package dev.polystore.activity;


import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalCassandra;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraDriverConfig;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.testing.ServedModule;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * ActivityService as it runs for real (see {@link ServedModule}), on a fresh keyspace of devstack's
 * Cassandra, created by the service's own start-up.
 */
final class ActivityServer implements AutoCloseable {
  static final List<String> TABLES = List.of("events_by_day", "events_by_type", "event_ids", "daily_counts");
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  final LocalCassandra cassandra = Devstack.cassandra();
  final CassandraConfig config = CassandraConfig.fromEnv(new Env(cassandra.env()));
  final String keyspace = "activity_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  final ActivityModule module;
  final ServedModule<ActivityModule> served;
  final ManagedChannel channel;
  private CqlSession cql;

  ActivityServer(Duration retention) {
    module = ActivityModule.create(config, keyspace, retention);
    served = new ServedModule<>(module);
    channel = served.channel;
  }

  /** Starts a server with the default retention and waits until it reports SERVING. */
  static ActivityServer startServing() throws InterruptedException {
    return startServing(Duration.ofDays(ActivityModule.DEFAULT_RETENTION_DAYS));
  }

  static ActivityServer startServing(Duration retention) throws InterruptedException {
    ActivityServer server = new ActivityServer(retention);
    server.served.awaitServing(Duration.ofSeconds(120));
    return server;
  }

  /** A blocking stub whose every call has a deadline. */
  ActivityServiceGrpc.ActivityServiceBlockingStub activity() {
    return ActivityServiceGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  ServingStatus status() {
    return served.status();
  }

  /** The status once it is {@code wanted}, or the last one seen when {@code limit} runs out. */
  ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    return served.awaitStatus(wanted, limit);
  }

  /**
   * Per table of the keyspace, its row count and every row, to show that a refused request changed
   * nothing. The keyspace is this server's alone and small, so reading it whole is fine.
   */
  Map<String, String> tableContents() {
    Map<String, String> contents = new LinkedHashMap<>();
    for (String table : TABLES) {
      List<String> rows = cql().execute("SELECT * FROM " + table).all().stream()
          .map(Row::getFormattedContents).sorted().toList();
      contents.put(table, rows.size() + " rows: " + rows);
    }
    return contents;
  }

  /** Rows of one table for one workspace, read directly: what the store holds, not what the API shows. */
  long rows(String table, UUID workspaceId) {
    return cql().execute(SimpleStatement.newInstance(
        "SELECT count(*) FROM " + table + " WHERE workspace_id = ? ALLOW FILTERING", workspaceId)).one().getLong(0);
  }

  /** A session of the test's own on the server's keyspace. */
  synchronized CqlSession cql() {
    if (cql == null) {
      cql = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(config, "activity-it"))
          .withKeyspace(CqlIdentifier.fromCql(keyspace)).build();
    }
    return cql;
  }

  @Override
  public void close() {
    served.close();
    if (cql != null) {
      if (cassandra.isRunning()) {
        cql.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
            .setExecutionProfileName(CassandraDriverConfig.DDL));
      }
      cql.close();
    }
  }
}
