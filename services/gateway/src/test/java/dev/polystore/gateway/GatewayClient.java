package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.devstack.Devstack;
import dev.polystore.platform.auth.AuthSettings;
import dev.polystore.platform.auth.TokenDigest;
import dev.polystore.platform.testing.TestCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A loopback channel to a gateway that sends the test admin's token (see {@link #withAdmin}), with
 * a bounded wait for a service to report SERVING.
 */
public final class GatewayClient implements AutoCloseable {
  public final ManagedChannel channel;

  public GatewayClient(int port) {
    this(port, TestCredentials.ADMIN_TOKEN);
  }

  /** A client sending {@code token} as its bearer credential. */
  public GatewayClient(int port, String token) {
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
        .intercept(TestCredentials.bearer(token)).build();
  }

  /** {@code environment} with the digest of the test admin token, which this client sends. */
  public static Map<String, String> withAdmin(Map<String, String> environment) {
    Map<String, String> out = new HashMap<>(environment);
    out.put(AuthSettings.ADMIN_TOKEN_SHA256, TokenDigest.of(TestCredentials.ADMIN_TOKEN));
    return out;
  }

  /** devstack's Cassandra and S3 settings plus {@code settings}: what a gateway hosting activity or files needs. */
  public static Map<String, String> onCassandraAndS3(Map<String, String> settings) {
    Map<String, String> out = new HashMap<>(Devstack.cassandra().env());
    out.putAll(Devstack.s3().env());
    out.putAll(settings);
    return out;
  }

  /** Fails unless each service reports SERVING within {@code limit}. */
  public void assertServing(List<String> services, Duration limit) throws InterruptedException {
    for (String service : services) {
      assertEquals(ServingStatus.SERVING, awaitServing(service, limit), service);
    }
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
