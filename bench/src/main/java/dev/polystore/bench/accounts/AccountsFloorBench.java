package dev.polystore.bench.accounts;

import dev.polystore.accounts.AccountsModule;
import dev.polystore.accounts.store.AsyncUserStore;
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
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.postgres.PostgresPools;
import io.grpc.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How near any gateway could come to GetUser's bound (issue #23), as {@code presence-floor} asks
 * for the Valkey calls: in one run, GetUser through the gateway; through the accounts service's own
 * gRPC code on a {@link BareServer}, on the transport thread (as the gateway runs it: the read is
 * answered from the asynchronous PostgreSQL client's callback), on the transport thread inside the
 * platform's interceptor chain (what the chain costs, apart from Spring's server and authentication)
 * and on a handler pool; and directly,
 * through the service's Jdbi store and through its asynchronous lookup. Each server's row is taken
 * against its own no-op and against the faster direct driver, Jdbi's, so its bound is the stricter.
 */
public final class AccountsFloorBench implements BenchSuite {
  /** As the accounts suite runs the gateway: a handler thread per core. */
  private static final int HANDLER_THREADS = Runtime.getRuntime().availableProcessors();

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
        BareServer onTransport = BareServer.start(module.grpcService(), 0);
        BareServer pooled = BareServer.start(module.grpcService(), HANDLER_THREADS);
        BareServer chained = BareServer.withPlatformChain(module.grpcService(), module.outages())) {
      JdbiUserStore jdbi = AccountsBench.directStore(pools);
      AsyncUserStore async = new AsyncUserStore(pools.async(), AccountsBench.events());
      List<String> ids = AccountsBench.seedUsers(AccountsServiceGrpc.newBlockingStub(gateway.channel()));
      List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
      for (int clients : clientCounts) {
        Measurement gatewayNoOp = gateway.noOp(runner, clients);
        Measurement bareNoOp = onTransport.noOp(runner, clients);
        Measurement viaGateway = runner.run("GetUser-gateway", clients, getUser(gateway.channel(), ids));
        Measurement viaBare = runner.run("GetUser-bare, on the transport thread", clients,
            getUser(onTransport.channel(), ids));
        Measurement viaChain = runner.run("GetUser-bare, the platform's chain", clients,
            getUser(chained.channel(), ids));
        Measurement viaBarePool = runner.run("GetUser-bare, " + HANDLER_THREADS + " handler threads", clients,
            getUser(pooled.channel(), ids));
        Measurement jdbiDirect = runner.run("GetUser-direct, Jdbi", clients,
            (client, seq) -> jdbi.find(uuids.get((int) (seq % AccountsBench.SEED_USERS))).orElseThrow());
        Measurement asyncDirect = runner.run("GetUser-direct, asynchronous lookup", clients,
            (client, seq) -> async.find(uuids.get((int) (seq % AccountsBench.SEED_USERS))).toCompletableFuture()
                .join().orElseThrow());
        results.add(new Comparison("GetUser, gateway", viaGateway, jdbiDirect, Optional.of(gatewayNoOp)));
        results.add(new Comparison("GetUser, bare, on the transport thread", viaBare, jdbiDirect, Optional.of(bareNoOp)));
        results.add(new Comparison("GetUser, bare, the platform's chain (no authentication)", viaChain, jdbiDirect,
            Optional.of(bareNoOp)));
        results.add(new Comparison("GetUser, bare, " + HANDLER_THREADS + " handler threads", viaBarePool, jdbiDirect,
            Optional.of(bareNoOp)));
        results.add(new Comparison("GetUser, gateway, against the asynchronous lookup direct", viaGateway, asyncDirect,
            Optional.of(gatewayNoOp)));
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
