package dev.polystore.presence;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.service.ServiceModule;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyOutages;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.presence.api.PresenceGrpcService;
import dev.polystore.presence.domain.Presence;
import dev.polystore.presence.domain.PresenceWatches;
import dev.polystore.presence.domain.RateLimits;
import dev.polystore.presence.domain.Typing;
import dev.polystore.presence.store.ValkeyChangeFeed;
import dev.polystore.presence.store.ValkeyPresenceStore;
import dev.polystore.presence.store.ValkeyRateLimitStore;
import dev.polystore.presence.store.ValkeyTypingStore;
import io.grpc.BindableService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * PresenceService as a host runs it: the gRPC implementation over its domain, on its own Valkey
 * (VALKEY_URL, VALKEY_CLUSTER). There is no schema to migrate; the host's supervisor connects and
 * then probes with PING.
 */
public final class PresenceModule implements ServiceModule {
  public static final String NAME = "presence";

  private final ValkeyStore store;
  private final ValkeyChangeFeed feed;
  private final ScheduledExecutorService sweepers;
  private final PresenceWatches watches;
  private final PresenceGrpcService grpcService;

  private PresenceModule(ValkeyConfig config) {
    Clock clock = Clock.systemUTC();
    this.store = new ValkeyStore(config);
    this.feed = new ValkeyChangeFeed(store);
    this.sweepers = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "presence-sweeper");
      thread.setDaemon(true);
      return thread;
    });
    ValkeyPresenceStore presenceStore = new ValkeyPresenceStore(store);
    this.watches = new PresenceWatches(presenceStore, feed, sweepers, clock);
    this.grpcService = new PresenceGrpcService(new Presence(presenceStore, clock), watches,
        new Typing(new ValkeyTypingStore(store), clock), new RateLimits(new ValkeyRateLimitStore(store)));
  }

  /** From VALKEY_URL and VALKEY_CLUSTER (DESIGN.md), plus the optional Valkey timeouts of {@link ValkeyConfig}. */
  public static PresenceModule fromEnv(Env env) {
    return new PresenceModule(ValkeyConfig.fromEnv(env));
  }

  public static PresenceModule create(ValkeyConfig config) {
    return new PresenceModule(config);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BindableService grpcService() {
    return grpcService;
  }

  @Override
  public ManagedStore store() {
    return store;
  }

  @Override
  public List<OutageClassifier> outages() {
    return List.of(new ValkeyOutages());
  }

  /** Ends the watches (UNAVAILABLE: watch again elsewhere), then releases the connections. */
  @Override
  public void close() {
    watches.close();
    sweepers.shutdownNow();
    feed.close();
    store.close();
  }
}
