package dev.polystore.presence;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.testing.ServedModule;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * PresenceService as it runs for real (see {@link ServedModule}), its module built from the
 * environment devstack gives.
 */
final class PresenceServer implements AutoCloseable {
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  final PresenceModule module;
  final ServedModule<PresenceModule> served;
  final ManagedChannel channel;

  private PresenceServer(TestValkey valkey) {
    module = PresenceModule.fromEnv(new Env(valkey.env()));
    served = new ServedModule<>(module);
    channel = served.channel;
  }

  /** Starts a server and waits until it reports SERVING, which it does once it reached Valkey. */
  static PresenceServer startServing(TestValkey valkey) throws InterruptedException {
    PresenceServer server = new PresenceServer(valkey);
    server.served.awaitServing(Duration.ofSeconds(60));
    return server;
  }

  /** A blocking stub whose every call has a deadline. */
  PresenceServiceGrpc.PresenceServiceBlockingStub presence() {
    return presence(CALL_DEADLINE);
  }

  PresenceServiceGrpc.PresenceServiceBlockingStub presence(Duration deadline) {
    return PresenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  ServingStatus status() {
    return served.status();
  }

  /** The status once it is {@code wanted}, or the last one seen when {@code limit} runs out. */
  ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    return served.awaitStatus(wanted, limit);
  }

  @Override
  public void close() {
    served.close();
  }
}
