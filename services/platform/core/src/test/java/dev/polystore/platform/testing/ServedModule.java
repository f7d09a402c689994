package dev.polystore.platform.testing;

import dev.polystore.platform.grpc.GrpcServer;
import dev.polystore.platform.grpc.HandlerConfig;
import dev.polystore.platform.service.ServiceHost;
import dev.polystore.platform.service.ServiceModule;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.List;

/**
 * A service module as it runs for real: a ServiceHost with the module, served by GrpcServer on a
 * loopback port, and a real channel to it. The store-specific fixtures of each service's tests
 * build on it.
 */
public final class ServedModule<M extends ServiceModule> implements AutoCloseable {
  /** The production revocation delay, the longest allowed. */
  private static final Duration KEY_CACHE = Duration.ofSeconds(5);

  public final M module;
  public final ServiceHost host;
  public final GrpcServer server;
  public final ManagedChannel channel;

  /**
   * Starts the host (its stores migrate in the background) and the server; does not wait for
   * SERVING. Calls need a credential as in production; {@link #channel} sends the test admin's.
   */
  public ServedModule(M module) {
    this(module, KEY_CACHE);
  }

  /** As {@link #ServedModule(ServiceModule)}, with verified API keys trusted for {@code keyCache}. */
  public ServedModule(M module, Duration keyCache) {
    this.module = module;
    this.host = new ServiceHost(List.of(module), HandlerConfig.defaults(),
        TestCredentials.authentication(module.apiKeyVerifier(), keyCache)).start();
    this.server = GrpcServer.start("127.0.0.1", 0, host.platform(), host.rawServices());
    this.channel = channel(TestCredentials.ADMIN_TOKEN);
  }

  /** A new channel to the server that sends {@code secret} as its bearer credential; the caller closes it. */
  public ManagedChannel channel(String secret) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
        .intercept(TestCredentials.bearer(secret)).build();
  }

  /** A new channel to the server that sends no credential; the caller closes it. */
  public ManagedChannel anonymousChannel() {
    return ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  /**
   * Waits until the service reports SERVING, which it does once its store answered and its
   * migrations ran; closes everything and fails when it does not within {@code limit}.
   */
  public ServedModule<M> awaitServing(Duration limit) throws InterruptedException {
    ServingStatus status = awaitStatus(ServingStatus.SERVING, limit);
    if (status != ServingStatus.SERVING) {
      close();
      throw new IllegalStateException(module.grpcServiceName() + " did not become SERVING within " + limit
          + ": " + status);
    }
    return this;
  }

  /** The status now, as a client sees it; UNKNOWN when the check itself fails. */
  public ServingStatus status() {
    return ServingStatuses.check(channel, module.grpcServiceName());
  }

  /** The status once it is {@code wanted}, or the last one seen when {@code limit} runs out. */
  public ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    return ServingStatuses.await(channel, module.grpcServiceName(), wanted, limit);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.stop(Duration.ofSeconds(2));
    host.close();
  }
}
