package dev.polystore.platform.valkey;

import dev.polystore.platform.telemetry.Telemetry;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.tracing.MicrometerTracing;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Builds Lettuce clients from {@link ValkeyConfig}: the cluster client with topology refresh for
 * cluster mode (ElastiCache Serverless), the plain client otherwise. Both have explicit timeouts,
 * reconnect by themselves, and reject commands at once while disconnected instead of queueing them
 * until a timeout, so an outage becomes UNAVAILABLE quickly.
 */
final class ValkeyClientFactory {
  /** Reconnect attempts back off to at most this, so a store that comes back is used again soon. */
  private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
  /** Slot moves and failovers are picked up at once by the adaptive triggers; this catches the rest. */
  private static final Duration PERIODIC_TOPOLOGY_REFRESH = Duration.ofSeconds(30);
  private static final Duration ADAPTIVE_REFRESH_RATE_LIMIT = Duration.ofSeconds(5);

  /**
   * Open connections send AUTH again whenever the credentials provider offers new credentials: how
   * IAM-authenticated connections outlive ElastiCache's 12 hours. Passwords from the URL never change.
   */
  private static final ClientOptions.ReauthenticateBehavior REAUTHENTICATE =
      ClientOptions.ReauthenticateBehavior.ON_NEW_CREDENTIALS;

  private ValkeyClientFactory() {}

  static ClientResources resources() {
    return ClientResources.builder()
        .eventLoopGroupProvider(new SharedEventLoopProvider())
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
        // Lettuce's own instrumentation: command latencies (lettuce.command.completion, tagged by
        // command) and a span per command sent for a call (an observation, child of the RPC's).
        .commandLatencyRecorder(new MicrometerCommandLatencyRecorder(Telemetry.meters(), MicrometerOptions.create()))
        .tracing(new CallTracing(new MicrometerTracing(Telemetry.observations(), "valkey")))
        .nettyCustomizer(new FlushConsolidation())
        .build();
  }

  static AbstractRedisClient client(ValkeyConfig config, ClientResources resources) {
    RedisURI uri = config.uri();
    uri.setTimeout(config.commandTimeout());
    config.credentials().ifPresent(uri::setCredentialsProvider);
    SocketOptions socket = SocketOptions.builder()
        .connectTimeout(config.connectTimeout())
        .keepAlive(true)
        .build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(config.commandTimeout());
    if (!config.cluster()) {
      RedisClient client = RedisClient.create(resources, uri);
      client.setOptions(ClientOptions.builder()
          .socketOptions(socket)
          .timeoutOptions(timeouts)
          .autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .reauthenticateBehavior(REAUTHENTICATE)
          .build());
      return client;
    }
    RedisClusterClient client = RedisClusterClient.create(resources, uri);
    client.setOptions(ClusterClientOptions.builder()
        .socketOptions(socket)
        .timeoutOptions(timeouts)
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .reauthenticateBehavior(REAUTHENTICATE)
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(PERIODIC_TOPOLOGY_REFRESH)
            .enableAllAdaptiveRefreshTriggers()
            .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_RATE_LIMIT)
            .build())
        .build());
    return client;
  }

  /**
   * A new connection. {@code readFrom} applies in cluster mode only: a standalone endpoint is one
   * primary, which serves every read.
   */
  static ValkeyConnection connect(AbstractRedisClient client, ReadFrom readFrom) {
    if (client instanceof RedisClusterClient cluster) {
      StatefulRedisClusterConnection<String, String> connection = cluster.connect();
      connection.setReadFrom(readFrom);
      return new ValkeyConnection(connection, connection.sync(), connection.async());
    }
    StatefulRedisConnection<String, String> connection = ((RedisClient) client).connect();
    return new ValkeyConnection(connection, connection.sync(), connection.async());
  }

  /**
   * A new primary connection, opened without blocking: for a caller on an event loop, where
   * {@link #connect} would wait for that same loop.
   */
  static CompletableFuture<ValkeyConnection> connectAsync(AbstractRedisClient client, RedisURI uri) {
    if (client instanceof RedisClusterClient cluster) {
      return cluster.connectAsync(StringCodec.UTF8).thenApply(connection -> {
        connection.setReadFrom(ReadFrom.UPSTREAM);
        return new ValkeyConnection(connection, connection.sync(), connection.async());
      });
    }
    return ((RedisClient) client).connectAsync(StringCodec.UTF8, uri).toCompletableFuture()
        .thenApply(connection -> new ValkeyConnection(connection, connection.sync(), connection.async()));
  }

  /**
   * A connection with text keys and byte values, for stream entries that carry protobuf bytes (the
   * text codec would mangle them). The caller owns it; both modes share the async interface.
   */
  static BinaryConnection connectBinary(AbstractRedisClient client) {
    RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    if (client instanceof RedisClusterClient cluster) {
      StatefulRedisClusterConnection<String, byte[]> connection = cluster.connect(codec);
      return new BinaryConnection(connection, connection.async());
    }
    StatefulRedisConnection<String, byte[]> connection = ((RedisClient) client).connect(codec);
    return new BinaryConnection(connection, connection.async());
  }

  /** A connection of {@link #connectBinary}. */
  record BinaryConnection(StatefulConnection<String, byte[]> connection,
      RedisClusterAsyncCommands<String, byte[]> commands) {}

  /** A pub/sub connection; in cluster mode it receives what is published on any node. */
  static StatefulRedisPubSubConnection<String, String> connectPubSub(AbstractRedisClient client) {
    if (client instanceof RedisClusterClient cluster) {
      return cluster.connectPubSub();
    }
    return ((RedisClient) client).connectPubSub();
  }
}
