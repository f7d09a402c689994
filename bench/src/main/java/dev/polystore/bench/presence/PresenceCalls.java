package dev.polystore.bench.presence;

import dev.polystore.bench.LoadRunner;
import dev.polystore.presence.domain.Presence;
import dev.polystore.presence.domain.PresenceStatus;
import dev.polystore.presence.domain.RateLimitDecision;
import dev.polystore.presence.store.ValkeyPresenceStore;
import dev.polystore.presence.store.ValkeyRateLimitStore;
import dev.polystore.presence.v1.CheckRateLimitRequest;
import dev.polystore.presence.v1.CheckRateLimitResponse;
import dev.polystore.presence.v1.HeartbeatRequest;
import dev.polystore.presence.v1.PresenceServiceGrpc.PresenceServiceBlockingStub;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The presence suites' measured calls, through gRPC or the store classes directly. Each operation
 * made here heartbeats users of its own, so each side pays its own first (ONLINE) heartbeats, and
 * checks rate keys of its own, so each opens its windows in its own warm-up.
 */
final class PresenceCalls {
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

  private PresenceCalls() {}

  static LoadRunner.Operation heartbeat(PresenceServiceBlockingStub stub) {
    Users users = new Users();
    com.google.protobuf.Duration ttl = proto(TTL);
    return (client, seq) -> {
      int user = users.index(client, seq);
      stub.withDeadlineAfter(5, TimeUnit.SECONDS).heartbeat(HeartbeatRequest.newBuilder()
          .setWorkspaceId(users.workspaceOf(user)).setUserId(users.user(user))
          .setDeviceId(DEVICE).setStatus(ONLINE).setTtl(ttl).build());
    };
  }

  static LoadRunner.Operation heartbeat(ValkeyPresenceStore presence) {
    Users users = new Users();
    return (client, seq) -> {
      int user = users.index(client, seq);
      presence.heartbeat(users.workspaceOf(user), users.user(user), DEVICE, PresenceStatus.ONLINE,
          TTL, Instant.now(), Presence.MAX_DEVICES).toCompletableFuture().join().orElseThrow();
    };
  }

  /** Keys are counted per workspace: every operation of one workspace gets keys of its own. */
  static LoadRunner.Operation checkRateLimit(PresenceServiceBlockingStub stub, String workspace) {
    String run = newRun();
    com.google.protobuf.Duration window = proto(WINDOW);
    return (client, seq) -> {
      CheckRateLimitResponse answer = stub.withDeadlineAfter(5, TimeUnit.SECONDS).checkRateLimit(
          CheckRateLimitRequest.newBuilder().setWorkspaceId(workspace).setKey(rateKey(run, client, seq))
              .setLimit(LIMIT).setWindow(window).setCost(1).build());
      requireAllowed(answer.getAllowed());
    };
  }

  static LoadRunner.Operation checkRateLimit(ValkeyRateLimitStore rateLimits, String workspace) {
    String run = newRun();
    return (client, seq) -> {
      RateLimitDecision decision = rateLimits.check(workspace, rateKey(run, client, seq), LIMIT, 1, WINDOW)
          .toCompletableFuture().join();
      requireAllowed(decision.allowed());
    };
  }

  private static com.google.protobuf.Duration proto(Duration duration) {
    return com.google.protobuf.Duration.newBuilder().setSeconds(duration.toSeconds()).build();
  }

  private static String newRun() {
    return UUID.randomUUID().toString().substring(0, 8);
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
