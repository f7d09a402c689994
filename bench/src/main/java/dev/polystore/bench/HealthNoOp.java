package dev.polystore.bench;

import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.TimeUnit;

/**
 * The cheapest call a server answers: a health check, which reaches no store, no interceptor and no
 * validation. What it costs is the loopback gRPC round trip alone, client and server; no operation
 * through that server can go faster.
 */
final class HealthNoOp {
  private HealthNoOp() {}

  static Measurement measure(LoadRunner runner, String name, int clients, Channel channel, String service)
      throws InterruptedException {
    var health = HealthGrpc.newBlockingStub(channel);
    HealthCheckRequest request = HealthCheckRequest.newBuilder().setService(service).build();
    return runner.run(name, clients, (client, seq) -> health.withDeadlineAfter(5, TimeUnit.SECONDS).check(request));
  }
}
