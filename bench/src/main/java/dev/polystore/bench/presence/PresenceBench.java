package dev.polystore.bench.presence;

import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.presence.store.ValkeyPresenceStore;
import dev.polystore.presence.store.ValkeyRateLimitStore;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Heartbeat and CheckRateLimit through the gateway over loopback gRPC, against the same Lua scripts
 * run directly through Lettuce by the service's own store classes (ValkeyPresenceStore,
 * ValkeyRateLimitStore on a platform ValkeyStore of their own), on the same Valkey in the same run.
 */
public final class PresenceBench implements BenchSuite {

  @Override
  public String name() {
    return "presence";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    Map<String, String> env = Map.of(ValkeyConfig.URL, Devstack.valkey().url());
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway gateway = BenchGateway.start("presence", env);
        ValkeyStore valkey = new ValkeyStore(ValkeyConfig.fromEnv(new Env(env)))) {
      var stub = PresenceServiceGrpc.newBlockingStub(gateway.channel());
      valkey.migrate();
      ValkeyPresenceStore presence = new ValkeyPresenceStore(valkey);
      ValkeyRateLimitStore rateLimits = new ValkeyRateLimitStore(valkey);
      // What the loopback gRPC round trip alone allows here: the bound column of each table.
      Map<Integer, Measurement> noOps = gateway.noOps(runner, clientCounts);
      for (int clients : clientCounts) {
        Measurement viaGateway = runner.run("Heartbeat-gateway", clients, PresenceCalls.heartbeat(stub));
        Measurement viaLettuce = runner.run("Heartbeat-direct", clients, PresenceCalls.heartbeat(presence));
        results.add(new Comparison("Heartbeat", viaGateway, viaLettuce, Optional.of(noOps.get(clients))));
      }
      for (int clients : clientCounts) {
        // One workspace for both sides; each side's keys are its own.
        String workspace = UUID.randomUUID().toString();
        Measurement viaGateway = runner.run("CheckRateLimit-gateway", clients,
            PresenceCalls.checkRateLimit(stub, workspace));
        Measurement viaLettuce = runner.run("CheckRateLimit-direct", clients,
            PresenceCalls.checkRateLimit(rateLimits, workspace));
        results.add(new Comparison("CheckRateLimit (allowed)", viaGateway, viaLettuce, Optional.of(noOps.get(clients))));
      }
    }
    return results;
  }
}
