package dev.polystore.gateway;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A loopback channel to a gateway, with a bounded wait for a service to report SERVING. */
public final class GatewayClient implements AutoCloseable {
  public final ManagedChannel channel;

  public GatewayClient(int port) {
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  public ServingStatus status(String service) {
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    } catch (RuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
  }

  /** The status once it is SERVING, or the last one seen when {@code limit} runs out. */
  public ServingStatus awaitServing(String service, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    ServingStatus status = status(service);
    while (status != ServingStatus.SERVING && Instant.now().isBefore(end)) {
      Thread.sleep(200);
      status = status(service);
    }
    return status;
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
