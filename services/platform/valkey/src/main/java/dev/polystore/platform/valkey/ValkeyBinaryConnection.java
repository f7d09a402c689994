package dev.polystore.platform.valkey;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * A connection of one caller's own, standalone or cluster, with text keys and binary values (stream
 * entries carry serialized protobuf). Not shared: blocking reads on it hold up no one else.
 */
public final class ValkeyBinaryConnection implements AutoCloseable {
  private final StatefulConnection<String, byte[]> connection;
  private final RedisClusterCommands<String, byte[]> sync;

  ValkeyBinaryConnection(StatefulConnection<String, byte[]> connection, RedisClusterCommands<String, byte[]> sync) {
    this.connection = connection;
    this.sync = sync;
  }

  /** Blocking commands; each gives up after the configured command timeout. */
  public RedisClusterCommands<String, byte[]> sync() {
    return sync;
  }

  @Override
  public void close() {
    connection.close();
  }
}
