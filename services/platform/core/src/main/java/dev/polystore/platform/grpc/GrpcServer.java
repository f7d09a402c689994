package dev.polystore.platform.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import dev.polystore.platform.netty.EventLoops;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain grpc-java server for one or more services, with health and reflection: owns start, stop
 * and graceful shutdown. Used to run a service on its own and by the integration tests; the
 * gateway application serves the same wrapped services through Spring gRPC.
 */
public final class GrpcServer implements AutoCloseable {
  private final Server server;
  private final GrpcPlatform platform;

  private GrpcServer(Server server, GrpcPlatform platform) {
    this.server = server;
    this.platform = platform;
  }

  /** Starts on {@code host:port}; port 0 picks a free one. */
  public static GrpcServer start(String host, int port, GrpcPlatform platform, List<BindableService> services) {
    // On the loops the store clients share: a non-blocking call can stay on one thread.
    NettyServerBuilder builder = EventLoops.serveOn(NettyServerBuilder.forAddress(new InetSocketAddress(host, port)))
        // Each service's calls move to its own handler pool inside the platform's interceptors.
        .directExecutor()
        .addService(platform.health().grpcService())
        .addService(ProtoReflectionServiceV1.newInstance());
    for (BindableService service : services) {
      builder.addService(platform.intercept(service));
    }
    try {
      return new GrpcServer(builder.build().start(), platform);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
  }

  public int port() {
    return server.getPort();
  }

  /** Reports NOT_SERVING, lets running calls finish for up to {@code grace}, then cuts the rest. */
  public void stop(Duration grace) {
    platform.health().enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }
}
