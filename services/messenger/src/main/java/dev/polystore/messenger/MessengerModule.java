package dev.polystore.messenger;

import dev.polystore.messenger.api.MessengerEvents;
import dev.polystore.messenger.api.MessengerGrpcService;
import dev.polystore.messenger.domain.MessageSearch;
import dev.polystore.messenger.domain.Messages;
import dev.polystore.messenger.domain.Rooms;
import dev.polystore.messenger.store.AsyncMessagePages;
import dev.polystore.messenger.store.AsyncMessagePosts;
import dev.polystore.messenger.store.JdbiMessageStore;
import dev.polystore.messenger.store.JdbiRoomStore;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.events.OutboxRelay;
import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.ids.UuidV7;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.postgres.PostgresOutages;
import dev.polystore.platform.postgres.PostgresOutbox;
import dev.polystore.platform.postgres.PostgresPools;
import dev.polystore.platform.postgres.PostgresStore;
import dev.polystore.platform.service.ServiceModule;
import dev.polystore.platform.valkey.EventBusConfig;
import dev.polystore.platform.valkey.ValkeyEventStream;
import io.grpc.BindableService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * MessengerService as a host runs it: the gRPC implementation over its domain, on its own
 * PostgreSQL database ("messenger", beside accounts' on the same server), migrated from
 * classpath:db/messenger.
 */
public final class MessengerModule implements ServiceModule {
  public static final String NAME = "messenger";

  private final PostgresStore store;
  private final MessengerGrpcService grpcService;
  private final Optional<OutboxRelay> relay;

  private MessengerModule(PostgresConfig config, Optional<EventBusConfig> bus) {
    PostgresPools pools = new PostgresPools(config, NAME);
    this.store = new PostgresStore(NAME, pools);
    // One generator for the process: its ids grow strictly, also within a millisecond.
    UuidV7 ids = UuidV7.create();
    OutboxWriter events = new OutboxWriter(new MessengerEvents(), ids, Clock.systemUTC());
    JdbiRoomStore roomStore = new JdbiRoomStore(pools, events);
    JdbiMessageStore messageStore = new JdbiMessageStore(pools, events);
    this.relay = bus.map(settings -> new OutboxRelay(NAME, new PostgresOutbox(pools.writer()),
        ValkeyEventStream.of(settings), settings.events(), Clock.systemUTC()));
    this.grpcService = new MessengerGrpcService(
        new Rooms(roomStore, ids),
        new Messages(messageStore, new AsyncMessagePages(pools.async()),
            new AsyncMessagePosts(pools.async(), events, Clock.systemUTC()), ids),
        new MessageSearch(messageStore));
  }

  /**
   * From POSTGRES_WRITER_CONN, POSTGRES_READER_CONN and the other settings of DESIGN.md; its events
   * go to Valkey (VALKEY_URL and the EVENTS_ settings).
   */
  public static MessengerModule fromEnv(Env env) {
    return new MessengerModule(PostgresConfig.fromEnv(env, NAME), Optional.of(EventBusConfig.fromEnv(env, NAME)));
  }

  /** Without an event bus: events stay in the outbox. */
  public static MessengerModule create(PostgresConfig config) {
    return new MessengerModule(config, Optional.empty());
  }

  /** Relaying its outbox to {@code bus}'s stream once a host starts it. */
  public static MessengerModule create(PostgresConfig config, EventBusConfig bus) {
    return new MessengerModule(config, Optional.of(bus));
  }

  @Override
  public Optional<OutboxRelay> relay() {
    return relay;
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
    return List.of(new PostgresOutages());
  }

  /** Releases the connections. */
  @Override
  public void close() {
    relay.ifPresent(OutboxRelay::close);
    store.close();
  }
}
