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
import dev.polystore.presence.domain.Presence;
import dev.polystore.presence.domain.PresenceStatus;
import dev.polystore.presence.domain.RateLimitDecision;
import dev.polystore.presence.store.ValkeyPresenceStore;
import dev.polystore.presence.store.ValkeyRateLimitStore;
import dev.polystore.presence.v1.CheckRateLimitRequest;
import dev.polystore.presence.v1.CheckRateLimitResponse;
import dev.polystore.presence.v1.HeartbeatRequest;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeat and CheckRateLimit through the gateway over loopback gRPC, against the same Lua scripts
 * run directly through Lettuce by the service's own store classes (ValkeyPresenceStore,
 * ValkeyRateLimitStore on a platform ValkeyStore of their own), on the same Valkey in the same run.
 */
public final class PresenceBench implements BenchSuite {
  private static final int WORKSPACES = 4;
  private static final int USERS = 2000;
  /** Spreads the clients over the users, so that they do not all heartbeat the same user at once. */
  private static final long CLIENT_OFFSET = 7919;
  /** Outlasts the heartbeat runs at default durations: after its first heartbeat a user stays online. */
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final String DEVICE = "bench";
  private static final int RATE_KEYS = 1000;
  /** High enough, over enough keys, that every measured call is allowed: the allowed path is measured. */
  private static final long LIMIT = 1_000_000;
  /** Longer than one run, so each key opens one window only, in the warm-up. */
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final dev.polystore.presence.v1.PresenceStatus ONLINE =
      dev.polystore.presence.v1.PresenceStatus.PRESENCE_STATUS_ONLINE;

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

      // Each side heartbeats its own workspaces, so each pays its own first (ONLINE) heartbeats.
      Users viaGatewayUsers = new Users();
      Users directUsers = new Users();
      com.google.protobuf.Duration ttl = proto(TTL);
      // What the loopback gRPC round trip alone allows here: the bound column of each table.
      Map<Integer, Measurement> noOps = gateway.noOps(runner, clientCounts);
      for (int clients : clientCounts) {
        Measurement viaGateway = runner.run("Heartbeat-gateway", clients, (client, seq) -> {
          int user = viaGatewayUsers.index(client, seq);
          stub.withDeadlineAfter(5, TimeUnit.SECONDS).heartbeat(HeartbeatRequest.newBuilder()
              .setWorkspaceId(viaGatewayUsers.workspaceOf(user)).setUserId(viaGatewayUsers.user(user))
              .setDeviceId(DEVICE).setStatus(ONLINE).setTtl(ttl).build());
        });
        Measurement viaLettuce = runner.run("Heartbeat-direct", clients, (client, seq) -> {
          int user = directUsers.index(client, seq);
          presence.heartbeat(directUsers.workspaceOf(user), directUsers.user(user), DEVICE, PresenceStatus.ONLINE,
              TTL, Instant.now(), Presence.MAX_DEVICES).orElseThrow();
        });
        results.add(new Comparison("Heartbeat", viaGateway, viaLettuce, Optional.of(noOps.get(clients))));
      }

      com.google.protobuf.Duration window = proto(WINDOW);
      for (int clients : clientCounts) {
        // Fresh keys per run and side: every run opens its windows in its own warm-up. Keys are
        // counted per workspace; one workspace for both sides, their keys apart by the run prefix.
        String run = UUID.randomUUID().toString().substring(0, 8);
        String workspace = UUID.randomUUID().toString();
        Measurement viaGateway = runner.run("CheckRateLimit-gateway", clients, (client, seq) -> {
          CheckRateLimitResponse answer = stub.withDeadlineAfter(5, TimeUnit.SECONDS).checkRateLimit(
              CheckRateLimitRequest.newBuilder().setWorkspaceId(workspace).setKey(rateKey("g" + run, client, seq))
                  .setLimit(LIMIT)
                  .setWindow(window).setCost(1).build());
          requireAllowed(answer.getAllowed());
        });
        Measurement viaLettuce = runner.run("CheckRateLimit-direct", clients, (client, seq) -> {
          RateLimitDecision decision = rateLimits.check(workspace, rateKey("d" + run, client, seq), LIMIT, 1, WINDOW);
          requireAllowed(decision.allowed());
        });
        results.add(new Comparison("CheckRateLimit (allowed)", viaGateway, viaLettuce, Optional.of(noOps.get(clients))));
      }
    }
    return results;
  }

  private static com.google.protobuf.Duration proto(Duration duration) {
    return com.google.protobuf.Duration.newBuilder().setSeconds(duration.toSeconds()).build();
  }

  private static String rateKey(String run, int client, long seq) {
    return "bench:" + run + ":" + (client * CLIENT_OFFSET + seq) % RATE_KEYS;
  }

  /** A denied call would take the script's shorter branch and skew the comparison, so it fails the run. */
  private static void requireAllowed(boolean allowed) {
    if (!allowed) {
      throw new IllegalStateException("a rate-limit check was denied; the bench measures allowed calls only");
    }
  }

  /** One side's users, as canonical UUIDs, spread round-robin over its workspaces. */
  private static final class Users {
    private final String[] workspaces = new String[WORKSPACES];
    private final String[] users = new String[USERS];

    Users() {
      for (int i = 0; i < WORKSPACES; i++) {
        workspaces[i] = UUID.randomUUID().toString();
      }
      for (int i = 0; i < USERS; i++) {
        users[i] = UUID.randomUUID().toString();
      }
    }

    int index(int client, long seq) {
      return (int) ((client * CLIENT_OFFSET + seq) % USERS);
    }

    String user(int index) {
      return users[index];
    }

    String workspaceOf(int index) {
      return workspaces[index % WORKSPACES];
    }
  }
}
