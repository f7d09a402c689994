package dev.polystore.platform.valkey;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * A connection of one caller's own, standalone or cluster, with text keys and binary values (stream
 * entries carry serialized protobuf). Not shared: blocking reads on it hold up no one else.
 */
public final class ValkeyBinaryConnection implements AutoCloseable {
  private final StatefulConnection<String, byte[]> connection;
  private final RedisClusterCommands<String, byte[]> sync;

  /** Over a connection of {@link ValkeyClientFactory#connectBinary}; cluster connections read the primary by default. */
  @SuppressWarnings("unchecked")
  ValkeyBinaryConnection(StatefulConnection<String, byte[]> connection) {
    this.connection = connection;
    this.sync = connection instanceof StatefulRedisClusterConnection<?, ?> cluster
        ? ((StatefulRedisClusterConnection<String, byte[]>) cluster).sync()
        : ((StatefulRedisConnection<String, byte[]>) connection).sync();
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
