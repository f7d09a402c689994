package dev.polystore.bench.accounts;

import dev.polystore.accounts.AccountsModule;
import dev.polystore.accounts.store.JdbiUserStore;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.bench.BareServer;
import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.bench.PostgresGatewayEnv;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.EventEnvelope;
import dev.polystore.platform.ids.UuidV7;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.postgres.PostgresPools;
import io.grpc.Channel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Would an asynchronous PostgreSQL driver bring GetUser to its bound (issue #23)? In one run:
 * GetUser through the gateway (JDBC on its handler pool); through the accounts service's own gRPC
 * code on a {@link BareServer} with the same pool; through a bench-only GetUser on the Vert.x
 * PostgreSQL client answered on the transport thread ({@link AsyncUserReads}); and directly, through
 * the service's Jdbi store and through the Vert.x client. Each row is taken against its own
 * server's no-op and its own driver's direct run, so the asynchronous row's bound is that of its
 * driver.
 */
public final class AccountsFloorBench implements BenchSuite {
  /** The gateway's and the bare pool's handler threads, as the accounts suite runs them. */
  private static final int HANDLER_THREADS = Runtime.getRuntime().availableProcessors();
  /**
   * The Vert.x client's connections, one per core by default; {@code -Dbench.floor.pg.pipelined=false}
   * runs one query per connection at a time instead, as JDBC does (then give it 16 connections, one
   * per client, with {@code -Dbench.floor.pg.connections=16}).
   */
  private static final int ASYNC_CONNECTIONS = Integer.getInteger("bench.floor.pg.connections",
      Runtime.getRuntime().availableProcessors());
  private static final boolean PIPELINED = Boolean.parseBoolean(System.getProperty("bench.floor.pg.pipelined", "true"));

  @Override
  public String name() {
    return "accounts-floor";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    Map<String, String> env = PostgresGatewayEnv.fresh("accounts");
    PostgresConfig config = PostgresConfig.fromEnv(new Env(env), "accounts");
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway gateway = BenchGateway.start("accounts", env);
        PostgresPools pools = new PostgresPools(config, "bench-direct");
        AccountsModule module = AccountsModule.create(config);
        AsyncUserReads async = new AsyncUserReads(env.get(PostgresConfig.WRITER_CONN), "accounts", ASYNC_CONNECTIONS, PIPELINED);
        BareServer pooled = BareServer.start(module.grpcService(), HANDLER_THREADS);
        BareServer onTransport = BareServer.start(async.service(), 0)) {
      JdbiUserStore jdbi = new JdbiUserStore(pools.writer(),
          new OutboxWriter(EventEnvelope::encode, UuidV7.create(), Clock.systemUTC()));
      List<String> ids = AccountsBench.seedUsers(AccountsServiceGrpc.newBlockingStub(gateway.channel()));
      List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
      for (int clients : clientCounts) {
        Measurement gatewayNoOp = gateway.noOp(runner, clients);
        Measurement bareNoOp = onTransport.noOp(runner, clients);
        Measurement viaGateway = runner.run("GetUser-gateway", clients, getUser(gateway.channel(), ids));
        Measurement viaBarePool = runner.run("GetUser-bare, " + HANDLER_THREADS + " handler threads", clients,
            getUser(pooled.channel(), ids));
        Measurement viaBareAsync = runner.run("GetUser-bare, Vert.x on the transport thread", clients,
            getUser(onTransport.channel(), ids));
        Measurement jdbiDirect = runner.run("GetUser-direct, Jdbi", clients,
            (client, seq) -> jdbi.find(uuids.get((int) (seq % AccountsBench.SEED_USERS))).orElseThrow());
        Measurement asyncDirect = runner.run("GetUser-direct, Vert.x", clients,
            (client, seq) -> async.find(uuids.get((int) (seq % AccountsBench.SEED_USERS))).toCompletionStage().toCompletableFuture().join());
        results.add(new Comparison("GetUser, gateway (Jdbi on the handler pool)", viaGateway, jdbiDirect,
            Optional.of(gatewayNoOp)));
        results.add(new Comparison("GetUser, bare, Jdbi on " + HANDLER_THREADS + " handler threads", viaBarePool,
            jdbiDirect, Optional.of(bareNoOp)));
        results.add(new Comparison("GetUser, bare, Vert.x on the transport thread", viaBareAsync, asyncDirect,
            Optional.of(bareNoOp)));
        results.add(new Comparison("GetUser, bare, Vert.x on the transport thread, against Jdbi direct", viaBareAsync,
            jdbiDirect, Optional.of(bareNoOp)));
      }
    }
    return results;
  }

  private static LoadRunner.Operation getUser(Channel channel, List<String> ids) {
    var stub = AccountsServiceGrpc.newBlockingStub(channel);
    return (client, seq) -> stub.withDeadlineAfter(5, TimeUnit.SECONDS)
        .getUser(GetUserRequest.newBuilder().setUserId(ids.get((int) (seq % AccountsBench.SEED_USERS))).build());
  }
}
