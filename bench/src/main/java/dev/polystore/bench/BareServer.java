package dev.polystore.bench;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
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

  private BareServer(Server server, ExecutorService handlers, String serviceName) {
    this.server = server;
    this.handlers = handlers;
    this.serviceName = serviceName;
    this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
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
    return new BareServer(builder.build().start(), handlers, name);
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
  }
}
