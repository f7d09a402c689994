package dev.polystore.bench.accounts;

import dev.polystore.accounts.domain.User;
import dev.polystore.accounts.store.AsyncUserStore;
import dev.polystore.accounts.store.JdbiUserStore;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.GetUserRequest;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * GetUser and CreateUser through the gateway over loopback gRPC, against the same queries issued
 * directly through Jdbi (the service's own store class: the insert with its event in one statement; the
 * point read), on the same database in the same run.
 */
public final class AccountsBench implements BenchSuite {
  static final int SEED_USERS = 1000;

  @Override
  public String name() {
    return "accounts";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    Map<String, String> env = PostgresGatewayEnv.fresh("accounts");
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway gateway = BenchGateway.start("accounts", env);
        PostgresPools pools = new PostgresPools(PostgresConfig.fromEnv(new Env(env), "accounts"), "bench-direct")) {
      var stub = AccountsServiceGrpc.newBlockingStub(gateway.channel());
      // The direct side writes the outbox row too, as the service does: the same work per write.
      JdbiUserStore direct = directStore(pools);
      AsyncUserStore asyncDirect = new AsyncUserStore(pools.async(), events());

      List<String> ids = seedUsers(stub);
      List<UUID> uuids = ids.stream().map(UUID::fromString).toList();

      // What the loopback gRPC round trip alone allows here: the bound column of each table.
      Map<Integer, Measurement> noOps = gateway.noOps(runner, clientCounts);
      for (int clients : clientCounts) {
        Measurement viaGateway = runner.run("GetUser-gateway", clients, (client, seq) ->
            stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                .getUser(GetUserRequest.newBuilder().setUserId(ids.get((int) (seq % SEED_USERS))).build()));
        Measurement viaJdbi = runner.run("GetUser-direct", clients, (client, seq) ->
            direct.find(uuids.get((int) (seq % SEED_USERS))).orElseThrow());
        results.add(new Comparison("GetUser", viaGateway, viaJdbi, Optional.of(noOps.get(clients))));
      }
      for (int clients : clientCounts) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Measurement viaGateway = runner.run("CreateUser-gateway", clients, (client, seq) ->
            stub.withDeadlineAfter(5, TimeUnit.SECONDS).createUser(CreateUserRequest.newBuilder()
                .setEmail("g" + run + "-" + client + "-" + seq + "@bench.example").setDisplayName("Bench").build()));
        Measurement viaJdbi = runner.run("CreateUser-direct", clients, (client, seq) -> {
          // The service's one statement (its unique index is the email check).
          User created = direct.insert(UUID.randomUUID(), "d" + run + "-" + client + "-" + seq + "@bench.example", "Bench");
          if (created == null) {
            throw new IllegalStateException("insert returned nothing");
          }
        });
        // The service's own driver for it, the asynchronous client, used directly (each bench thread
        // waits for its insert): on some machines the faster direct side, so the stricter bound.
        Measurement viaAsync = runner.run("CreateUser-direct, asynchronous insert", clients, (client, seq) ->
            asyncDirect.insert(UUID.randomUUID(), "a" + run + "-" + client + "-" + seq + "@bench.example", "Bench")
                .toCompletableFuture().join());
        results.add(new Comparison("CreateUser", viaGateway, viaJdbi, Optional.of(noOps.get(clients))));
        results.add(new Comparison("CreateUser, against the asynchronous insert direct", viaGateway, viaAsync,
            Optional.of(noOps.get(clients))));
      }
    }
    return results;
  }

  /** The service's own user store on {@code pools}, writing its outbox rows as the service does. */
  static JdbiUserStore directStore(PostgresPools pools) {
    return new JdbiUserStore(pools.writer(), events());
  }

  /** The service's outbox writer: accounts' events are envelopes. */
  static OutboxWriter events() {
    return new OutboxWriter(EventEnvelope::encode, UuidV7.create(), Clock.systemUTC());
  }

  /** {@link #SEED_USERS} users created through {@code stub}; their ids. */
  static List<String> seedUsers(AccountsServiceGrpc.AccountsServiceBlockingStub stub) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < SEED_USERS; i++) {
      ids.add(stub.createUser(CreateUserRequest.newBuilder()
          .setEmail("seed" + i + "@bench.example").setDisplayName("Seed " + i).build()).getUser().getUserId());
    }
    return ids;
  }
}
