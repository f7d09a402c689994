package dev.polystore.platform.testing;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A service's status on grpc.health.v1, as a client over a real channel sees it. */
public final class ServingStatuses {
  private ServingStatuses() {}

  /** The status now; UNKNOWN when the check itself fails. */
  public static ServingStatus check(ManagedChannel channel, String service) {
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    } catch (RuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
  }

  /** The status once it is {@code wanted}, or the last one seen when {@code limit} runs out. */
  public static ServingStatus await(ManagedChannel channel, String service, ServingStatus wanted, Duration limit)
      throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    ServingStatus status = check(channel, service);
    while (status != wanted && Instant.now().isBefore(end)) {
      Thread.sleep(100);
      status = check(channel, service);
    }
    return status;
  }
}
