package dev.polystore.presence;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.grpc.GrpcServer;
import dev.polystore.platform.service.ServiceHost;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PresenceService as it runs for real: a ServiceHost with the module built from the environment
 * devstack gives, served by GrpcServer on a loopback port, and a real channel to it.
 */
final class PresenceServer implements AutoCloseable {
  static final String SERVICE = "polystore.presence.v1.PresenceService";
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  final PresenceModule module;
  final ServiceHost host;
  final GrpcServer server;
  final ManagedChannel channel;

  private PresenceServer(TestValkey valkey) {
    module = PresenceModule.fromEnv(new Env(valkey.env()));
    host = new ServiceHost(List.of(module)).start();
    server = GrpcServer.start("127.0.0.1", 0, host.platform(), host.rawServices());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  /** Starts a server and waits until it reports SERVING, which it does once it reached Valkey. */
  static PresenceServer startServing(TestValkey valkey) throws InterruptedException {
    PresenceServer server = new PresenceServer(valkey);
    ServingStatus status = server.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(60));
    if (status != ServingStatus.SERVING) {
      server.close();
      throw new IllegalStateException("the presence service did not become SERVING: " + status);
    }
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
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(SERVICE).build()).getStatus();
    } catch (RuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
  }

  /** The status once it is {@code wanted}, or the last one seen when {@code limit} runs out. */
  ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    ServingStatus status = status();
    while (status != wanted && Instant.now().isBefore(end)) {
      Thread.sleep(100);
      status = status();
    }
    return status;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.stop(Duration.ofSeconds(2));
    host.close();
  }
}
