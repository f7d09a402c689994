package dev.polystore.gateway;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code --health-check [--service NAME]}: the container health check. Asks grpc.health.v1 on
 * 127.0.0.1:$SPRING_GRPC_SERVER_PORT (9090) with a 2 s deadline (after up to 2 s to connect) and
 * exits 0 on SERVING, else 1. It starts neither Spring nor a store, so it is cheap enough to run
 * every few seconds.
 */
final class HealthCheck {
  static final String FLAG = "--health-check";
  static final String SERVICE = "--service";
  static final String PORT = "SPRING_GRPC_SERVER_PORT";
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  private HealthCheck() {}

  static boolean isRequested(String[] args) {
    return List.of(args).contains(FLAG);
  }

  /** Prints the status (or why there is none) and returns the exit code. */
  static int run(String[] args, Map<String, String> environment, PrintStream out) {
    String service = service(args);
    String label = service.isEmpty() ? "(all services)" : service;
    int port;
    try {
      port = Integer.parseInt(environment.getOrDefault(PORT, "9090").trim());
    } catch (NumberFormatException e) {
      out.println(label + ": " + PORT + " is not a port: '" + environment.get(PORT) + "'");
      return 1;
    }
    ManagedChannel channel = channel(port, environment.containsKey(Transport.CERT));
    try {
      awaitConnection(channel);
      ServingStatus status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
      out.println(label + ": " + status);
      return status == ServingStatus.SERVING ? 0 : 1;
    } catch (StatusRuntimeException e) {
      out.println(label + ": " + e.getStatus().getCode() + " (port " + port + ")");
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  /**
   * Connects before the call: loading gRPC's transport in a fresh JVM can take seconds on a busy
   * machine, and that must not eat the call's deadline. A refused connection ends the wait at once.
   */
  /**
   * Plaintext, or TLS when the port has a certificate. The check runs beside the gateway and asks
   * only for health, so it does not verify the gateway's certificate (it could not know its CA).
   */
  private static ManagedChannel channel(int port, boolean tls) {
    if (!tls) {
      return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
    try {
      return NettyChannelBuilder.forAddress("127.0.0.1", port)
          .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build())
          .build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the health check", e);
    }
  }

  private static void awaitConnection(ManagedChannel channel) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    ConnectivityState state = channel.getState(true);
    while (state != ConnectivityState.READY && state != ConnectivityState.TRANSIENT_FAILURE
        && System.nanoTime() < end) {
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      try {
        changed.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      state = channel.getState(false);
    }
  }

  /** The value of {@code --service NAME} or {@code --service=NAME}; "" (the whole process) without one. */
  private static String service(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(SERVICE) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(SERVICE + "=")) {
        return args[i].substring(SERVICE.length() + 1);
      }
    }
    return "";
  }
}
