package dev.polystore.accounts;

import dev.polystore.accounts.api.AccountsGrpcService;
import dev.polystore.accounts.domain.ApiKeySecret;
import dev.polystore.accounts.domain.ApiKeys;
import dev.polystore.accounts.domain.KeyVerifier;
import dev.polystore.accounts.domain.LastUseRecorder;
import dev.polystore.accounts.domain.Members;
import dev.polystore.accounts.domain.RequestSeal;
import dev.polystore.accounts.domain.Users;
import dev.polystore.accounts.domain.Workspaces;
import dev.polystore.accounts.store.AsyncUserStore;
import dev.polystore.accounts.store.JdbiApiKeyStore;
import dev.polystore.accounts.store.JdbiMembershipStore;
import dev.polystore.accounts.store.JdbiUserStore;
import dev.polystore.accounts.store.JdbiWorkspaceStore;
import dev.polystore.platform.auth.Authenticator;
import dev.polystore.platform.auth.Principal;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.events.EventEnvelope;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * AccountsService as a host runs it: the gRPC implementation over its domain, on its own PostgreSQL
 * database ("accounts"), migrated from classpath:db/accounts.
 */
public final class AccountsModule implements ServiceModule {
  public static final String NAME = "accounts";
  /** How often API key last-use times are written; the contract promises "up to a minute behind". */
  public static final String LAST_USE_FLUSH_MS = "ACCOUNTS_LAST_USE_FLUSH_MS";
  static final Duration DEFAULT_LAST_USE_FLUSH = Duration.ofSeconds(10);

  private final PostgresStore store;
  private final LastUseRecorder lastUses;
  private final ApiKeys apiKeys;
  private final AccountsGrpcService grpcService;
  private final Optional<OutboxRelay> relay;

  private AccountsModule(PostgresConfig config, Duration lastUseFlush, Optional<EventBusConfig> bus) {
    PostgresPools pools = new PostgresPools(config, NAME);
    this.store = new PostgresStore(NAME, pools);
    // Accounts' events are envelopes: type and subject are what the audit trail needs.
    OutboxWriter events = new OutboxWriter(EventEnvelope::encode, UuidV7.create(), Clock.systemUTC());
    JdbiUserStore userStore = new JdbiUserStore(pools.writer(), events);
    JdbiWorkspaceStore workspaceStore = new JdbiWorkspaceStore(pools, events);
    JdbiApiKeyStore apiKeyStore = new JdbiApiKeyStore(pools, events);
    JdbiMembershipStore membershipStore = new JdbiMembershipStore(pools, events);
    this.relay = bus.map(settings -> new OutboxRelay(NAME, new PostgresOutbox(pools.writer()),
        ValkeyEventStream.of(settings), settings.events(), Clock.systemUTC()));
    this.lastUses = new LastUseRecorder(apiKeyStore, lastUseFlush);
    this.apiKeys = new ApiKeys(apiKeyStore, workspaceStore, membershipStore, new ApiKeySecret(new SecureRandom()),
        lastUses, Clock.systemUTC(), new RequestSeal(new SecureRandom()));
    this.grpcService = new AccountsGrpcService(
        new Users(userStore, new AsyncUserStore(pools.async(), events)),
        new Workspaces(workspaceStore, userStore),
        new Members(membershipStore, workspaceStore, userStore),
        apiKeys);
  }

  /**
   * From POSTGRES_WRITER_CONN and the other settings of DESIGN.md, plus {@link #LAST_USE_FLUSH_MS};
   * its events go to Valkey (VALKEY_URL and the EVENTS_ settings).
   */
  public static AccountsModule fromEnv(Env env) {
    PostgresConfig config = PostgresConfig.fromEnv(env, NAME);
    Duration flush = Duration.ofMillis(
        env.integer(LAST_USE_FLUSH_MS, (int) DEFAULT_LAST_USE_FLUSH.toMillis(), 100, 60_000));
    return new AccountsModule(config, flush, Optional.of(EventBusConfig.fromEnv(env, NAME)));
  }

  /** Without an event bus: events stay in the outbox. */
  public static AccountsModule create(PostgresConfig config) {
    return new AccountsModule(config, DEFAULT_LAST_USE_FLUSH, Optional.empty());
  }

  /** Without an event bus: events stay in the outbox. */
  public static AccountsModule create(PostgresConfig config, Duration lastUseFlush) {
    return new AccountsModule(config, lastUseFlush, Optional.empty());
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

  /**
   * Verifies API key secrets in-process, for a host's auth interceptor: the same check as the
   * VerifyApiKey RPC, in plain Java. {@code verifier().verify(secret)} is the key's id, workspace,
   * user (for a user-bound key) and scopes, or empty for an unknown, revoked or expired secret or
   * one whose user left the workspace; it records no use (see {@link #apiKeyVerifier}). It reads PostgreSQL on
   * every call (no cache: revocation shows at once), so callers cache its answers themselves.
   */
  public KeyVerifier verifier() {
    // A method reference, not apiKeys itself: the caller gets verification and nothing else.
    return apiKeys::verify;
  }

  /**
   * API keys as principals for the host's auth interceptor, which caches the answers and reports
   * each call that passed its checks as a use of the key.
   */
  @Override
  public Optional<Authenticator> apiKeyVerifier() {
    KeyVerifier verifier = verifier();
    return Optional.of(new Authenticator() {
      @Override
      public Optional<Principal> authenticate(String secret) {
        return verifier.verify(secret).map(key -> Principal.apiKey(key.apiKeyId().toString(),
            key.workspaceId().toString(), key.userId().map(UUID::toString).orElse(null), Set.copyOf(key.scopes())));
      }

      @Override
      public void recordUse(Principal principal) {
        principal.apiKeyId().ifPresent(id -> apiKeys.recordUse(UUID.fromString(id)));
      }
    });
  }

  /** Writes pending API key last-use times now instead of at the next tick. */
  public void flushLastUses() {
    lastUses.flush();
  }

  /** Writes what is pending, then releases the connections. */
  @Override
  public void close() {
    lastUses.close();
    relay.ifPresent(OutboxRelay::close);
    store.close();
  }
}
