package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.gateway.Gateway;
import dev.polystore.local.LocalAdminToken;
import dev.polystore.local.LocalStores;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The local gateway in this JVM on devstack's engines, hosting the given services, and a channel to it as admin. */
final class DrillGateway implements AutoCloseable {
  final Gateway gateway;
  final ManagedChannel channel;

  DrillGateway(List<String> services) throws InterruptedException {
    gateway = Gateway.start(LocalStores.complete(Map.of("POLYSTORE_SERVICES", String.join(",", services))),
        "--spring.grpc.server.port=0", "--server.port=0");
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + LocalAdminToken.read());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext()
        .intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
    for (String service : services) {
      awaitServing("polystore." + service + ".v1." + Character.toUpperCase(service.charAt(0)) + service.substring(1)
          + "Service");
    }
  }

  private void awaitServing(String service) throws InterruptedException {
    Instant end = Instant.now().plusSeconds(120);
    ServingStatus status = ServingStatus.UNKNOWN;
    while (status != ServingStatus.SERVING && Instant.now().isBefore(end)) {
      try {
        status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
      } catch (RuntimeException e) {
        Thread.sleep(200);
      }
      if (status != ServingStatus.SERVING) {
        Thread.sleep(200);
      }
    }
    assertEquals(ServingStatus.SERVING, status, service);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    gateway.close();
  }
}
