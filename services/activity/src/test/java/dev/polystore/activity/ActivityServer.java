package dev.polystore.activity;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.devstack.LocalCassandra;
import dev.polystore.platform.testing.ServedModule;
import dev.polystore.platform.cassandra.testing.TestKeyspace;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.platform.valkey.streams.StreamConsumerConfig;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * ActivityService as it runs for real (see {@link ServedModule}), on a fresh keyspace of devstack's
 * Cassandra, created by the service's own start-up.
 */
final class ActivityServer implements AutoCloseable {
  static final List<String> TABLES = List.of("events_by_day", "events_by_type", "event_ids", "daily_counts",
      "events_by_day_bucket", "daily_counts_bucket");
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  final TestKeyspace keyspace = new TestKeyspace("activity", TABLES);
  final LocalCassandra cassandra = keyspace.cassandra;
  final ActivityModule module;
  final ServedModule<ActivityModule> served;
  final ManagedChannel channel;

  ActivityServer(Duration retention) {
    module = ActivityModule.create(keyspace.config, keyspace.name, retention);
    served = new ServedModule<>(module);
    channel = served.channel;
  }

  /** Recording the audit trail from the event bus {@code bus}, which the server closes. */
  private ActivityServer(ValkeyStore bus, StreamConsumerConfig events) {
    module = ActivityModule.create(keyspace.config, keyspace.name,
        Duration.ofDays(ActivityModule.DEFAULT_RETENTION_DAYS), bus, events);
    served = new ServedModule<>(module);
    channel = served.channel;
  }

  static ActivityServer startServing(ValkeyStore bus, StreamConsumerConfig events) throws InterruptedException {
    ActivityServer server = new ActivityServer(bus, events);
    server.served.awaitServing(Duration.ofSeconds(120));
    return server;
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

  /** Every row of the keyspace: what a refused request must leave alone. */
  Map<String, String> tableContents() {
    return keyspace.contents();
  }

  /** Rows of one table for one workspace, read directly: what the store holds, not what the API shows. */
  long rows(String table, UUID workspaceId) {
    return keyspace.cql().execute(SimpleStatement.newInstance(
        "SELECT count(*) FROM " + table + " WHERE workspace_id = ? ALLOW FILTERING", workspaceId)).one().getLong(0);
  }

  @Override
  public void close() {
    served.close();
    keyspace.close();
  }
}
