package dev.polystore.bench;

import dev.polystore.platform.auth.Authentication;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.grpc.GrpcPlatform;
import dev.polystore.platform.grpc.HandlerConfig;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service's own gRPC implementation on a bare grpc-java server over loopback: the transport the
 * gateway serves on, without Spring, the platform's interceptors (deadline guard, authentication,
 * validation, telemetry, error mapping) or its admission control. What the gateway adds beyond
 * this is the platform's; what this adds beyond the bound is what any gateway running this service
 * code pays here (docs/benchmarks.md, "the floor").
 */
public final class BareServer implements AutoCloseable {
  private final Server server;
  private final ExecutorService handlers;
  private final ManagedChannel channel;
  private final String serviceName;
  /** Null unless the service is wrapped in the platform's interceptors ({@link #withPlatformChain}). */
  private final GrpcPlatform platform;

  private BareServer(Server server, ExecutorService handlers, String serviceName, GrpcPlatform platform) {
    this.server = server;
    this.handlers = handlers;
    this.serviceName = serviceName;
    this.platform = platform;
    this.channel = LoopbackChannels.to(server.getPort());
  }

  /**
   * Serves {@code service} with its calls on a fixed pool of {@code handlerThreads} threads, or, when
   * 0, on the transport's own thread (a blocking store call then holds that thread).
   */
  public static BareServer start(BindableService service, int handlerThreads) throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    String name = service.bindService().getServiceDescriptor().getName();
    health.setStatus(name, ServingStatus.SERVING);
    ServerBuilder<?> builder = ServerBuilder.forPort(0).addService(service).addService(health.getHealthService());
    ExecutorService handlers = null;
    if (handlerThreads == 0) {
      builder.directExecutor();
    } else {
      AtomicInteger count = new AtomicInteger();
      handlers = Executors.newFixedThreadPool(handlerThreads, runnable -> {
        Thread thread = new Thread(runnable, "bare-handler-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      builder.executor(handlers);
    }
    return new BareServer(builder.build().start(), handlers, name, null);
  }

  /**
   * Serves {@code service} wrapped in the platform's interceptor chain ({@link GrpcPlatform}: the
   * gateway's observation, deadline guard, handler pool, error mapping, readiness and validation,
   * without authentication) on a bare server with a direct executor, as the gateway serves it.
   * Between this and {@link #start} lies the chain's cost; between this and the gateway, Spring's
   * server and the gateway's process.
   */
  public static BareServer withPlatformChain(BindableService service, List<OutageClassifier> outages)
      throws IOException {
    GrpcPlatform platform = new GrpcPlatform(outages, HandlerConfig.defaults(), Authentication.off());
    String name = service.bindService().getServiceDescriptor().getName();
    platform.health().set(name, true);
    try {
      Server server = ServerBuilder.forPort(0).directExecutor().addService(platform.intercept(service))
          .addService(platform.health().grpcService()).build().start();
      return new BareServer(server, null, name, platform);
    } catch (IOException | RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** The health check of this server, as {@link BenchGateway#noOp} measures the gateway's. */
  public Measurement noOp(LoadRunner runner, int clients) throws InterruptedException {
    return HealthNoOp.measure(runner, "Health.Check-bare", clients, channel, serviceName);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    if (handlers != null) {
      handlers.shutdownNow();
    }
    if (platform != null) {
      platform.close();
    }
  }
}
