package dev.polystore.platform.valkey;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.health.ManagedStore;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's Valkey, as the {@link dev.polystore.platform.health.StoreSupervisor} drives it. There is
 * no schema: {@link #migrate()} opens the connections, so a service can start while Valkey is away
 * and connects once it answers. From then on Lettuce reconnects by itself.
 *
 * <p>Two connections: {@link #primary()} for writes and reads that must see them, and
 * {@link #replicaPreferred()} for reads where a slightly stale answer is fine (cluster mode only;
 * a standalone endpoint has no replicas to read from, so both are the same connection there).
 */
public final class ValkeyStore implements ManagedStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ValkeyStore.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  private final ValkeyConfig config;
  private final ClientResources resources;
  private final AbstractRedisClient client;
  private volatile ValkeyConnection primary;
  private volatile ValkeyConnection replicaPreferred;
  /** The primary connections callers on an event loop use (LoopConnections). */
  private volatile LoopConnections loops;

  public ValkeyStore(ValkeyConfig config) {
    this.config = config;
    this.resources = ValkeyClientFactory.resources();
    this.client = ValkeyClientFactory.client(config, resources);
  }

  /** Connects, once; throws while Valkey cannot be reached, and the supervisor retries. */
  @Override
  public synchronized void migrate() {
    if (primary != null) {
      return;
    }
    ValkeyConnection writer = ValkeyClientFactory.connect(client, ReadFrom.UPSTREAM);
    ValkeyConnection reader = writer;
    try {
      if (config.cluster()) {
        reader = ValkeyClientFactory.connect(client, ReadFrom.REPLICA_PREFERRED);
      }
      loops = LoopConnections.open(client, config.uri(), config.connectTimeout());
    } catch (RuntimeException e) {
      if (reader != writer) {
        reader.close();
      }
      writer.close();
      throw e;
    }
    replicaPreferred = reader;
    primary = writer;
    log.info("connected to Valkey at {} (and on each of {} event loops)", config.describe(), loops.size());
  }

  /** PING within a second; false until connected. */
  @Override
  public boolean isReachable() {
    ValkeyConnection connection = primary;
    return connection != null && ValkeyProbe.answers(connection, PROBE_TIMEOUT);
  }

  /**
   * For writes, and for reads that must see the latest writes. On an event loop, the connection that
   * lives on it where there is one ({@link LoopConnections}).
   */
  public ValkeyConnection primary() {
    ValkeyConnection connection = connected(primary);
    LoopConnections local = loops;
    ValkeyConnection here = local == null ? null : local.current();
    return here == null ? connection : here;
  }

  /** For reads where a slightly stale answer is acceptable. */
  public ValkeyConnection replicaPreferred() {
    return config.cluster() ? connected(replicaPreferred) : primary();
  }

  /** A new pub/sub connection, owned by the caller. */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    connected(primary);
    return ValkeyClientFactory.connectPubSub(client);
  }

  /**
   * A new connection of the caller's own, text keys and binary values: for blocking commands
   * (XREADGROUP ... BLOCK), which would hold up every other caller of a shared connection.
   */
  public ValkeyBinaryConnection connectBinary() {
    connected(primary);
    return new ValkeyBinaryConnection(ValkeyClientFactory.connectBinary(client).connection());
  }

  /** Told when any connection of this store connects or drops. */
  public void addConnectionListener(RedisConnectionStateListener listener) {
    client.addListener(listener);
  }

  public ValkeyConfig config() {
    return config;
  }

  @Override
  public synchronized void close() {
    if (replicaPreferred != null && replicaPreferred != primary) {
      replicaPreferred.close();
    }
    if (primary != null) {
      primary.close();
    }
    if (loops != null) {
      loops.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private static ValkeyConnection connected(ValkeyConnection connection) {
    if (connection == null) {
      throw ServiceException.unavailable("not connected to Valkey yet", null);
    }
    return connection;
  }
}
