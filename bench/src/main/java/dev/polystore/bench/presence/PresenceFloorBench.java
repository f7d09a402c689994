package dev.polystore.bench.presence;

import dev.polystore.bench.BareServer;
import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.grpc.HandlerConfig;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.presence.PresenceModule;
import dev.polystore.presence.store.ValkeyPresenceStore;
import dev.polystore.presence.store.ValkeyRateLimitStore;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import io.grpc.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * How near any gateway could come to the bound here (issue #23): Heartbeat and CheckRateLimit
 * through the gateway, through the presence service's own gRPC implementation on a {@link
 * BareServer} (on the transport thread, as the gateway runs them, and on a handler pool), and
 * directly, in one run. The bare server's calls pay the transport and the service code, none of
 * the platform's; its ratio to its bound is the most a gateway of this service code could reach,
 * and the gateway's distance to it is what the platform's interceptors cost.
 */
public final class PresenceFloorBench implements BenchSuite {

  @Override
  public String name() {
    return "presence-floor";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    Map<String, String> env = Map.of(ValkeyConfig.URL, Devstack.valkey().url());
    int handlerThreads = HandlerConfig.fromEnv(new Env(System.getenv())).threads();
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway gateway = BenchGateway.start("presence", env);
        ValkeyStore valkey = new ValkeyStore(ValkeyConfig.fromEnv(new Env(env)));
        PresenceModule module = PresenceModule.create(ValkeyConfig.fromEnv(new Env(env)));
        BareServer pooled = BareServer.start(module.grpcService(), handlerThreads);
        BareServer onTransport = BareServer.start(module.grpcService(), 0)) {
      valkey.migrate();
      // As the host's supervisor does before the service is SERVING: connect.
      module.store().migrate();
      ValkeyPresenceStore presence = new ValkeyPresenceStore(valkey);
      ValkeyRateLimitStore rateLimits = new ValkeyRateLimitStore(valkey);
      for (int clients : clientCounts) {
        // Each server's own no-op: the gateway's health check, and the bare server's on its transport thread.
        Measurement gatewayNoOp = gateway.noOp(runner, clients);
        Measurement bareNoOp = onTransport.noOp(runner, clients);
        List<Served> servers = List.of(new Served("gateway", gateway.channel(), gatewayNoOp),
            new Served("bare, " + handlerThreads + " handler threads", pooled.channel(), bareNoOp),
            new Served("bare, on the transport thread", onTransport.channel(), bareNoOp));
        String workspace = UUID.randomUUID().toString();
        measure(runner, clients, "Heartbeat", servers, results,
            channel -> PresenceCalls.heartbeat(PresenceServiceGrpc.newBlockingStub(channel)),
            PresenceCalls.heartbeat(presence));
        measure(runner, clients, "CheckRateLimit (allowed)", servers, results,
            channel -> PresenceCalls.checkRateLimit(PresenceServiceGrpc.newBlockingStub(channel), workspace),
            PresenceCalls.checkRateLimit(rateLimits, workspace));
      }
    }
    return results;
  }

  /** A server the calls go through, and its no-op at this run's clients. */
  private record Served(String name, Channel channel, Measurement noOp) {}

  /** The operation through each server, then directly; a row per server against the same direct run. */
  private static void measure(LoadRunner runner, int clients, String operation, List<Served> servers,
      List<Comparison> results, Function<Channel, LoadRunner.Operation> throughServer, LoadRunner.Operation direct)
      throws InterruptedException {
    List<Measurement> served = new ArrayList<>();
    for (Served server : servers) {
      served.add(runner.run(operation + "-" + server.name(), clients, throughServer.apply(server.channel())));
    }
    Measurement viaStore = runner.run(operation + "-direct", clients, direct);
    for (int i = 0; i < servers.size(); i++) {
      results.add(new Comparison(operation + ", " + servers.get(i).name(), served.get(i), viaStore,
          Optional.of(servers.get(i).noOp())));
    }
  }
}
