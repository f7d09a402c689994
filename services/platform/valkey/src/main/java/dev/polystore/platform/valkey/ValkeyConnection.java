package dev.polystore.platform.valkey;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * One multiplexed connection, standalone or cluster, seen through the command interfaces both
 * modes share. Thread-safe: every caller of the service uses the same one.
 */
public final class ValkeyConnection implements AutoCloseable {
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> sync;
  private final RedisClusterAsyncCommands<String, String> async;

  ValkeyConnection(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync,
      RedisClusterAsyncCommands<String, String> async) {
    this.connection = connection;
    this.sync = sync;
    this.async = async;
  }

  /** Blocking commands; each gives up after the configured command timeout. */
  public RedisClusterCommands<String, String> sync() {
    return sync;
  }

  public RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  @Override
  public void close() {
    connection.close();
  }
}
