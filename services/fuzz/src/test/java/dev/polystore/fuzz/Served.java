package dev.polystore.fuzz;

import dev.polystore.platform.testing.ServingStatuses;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One service served for real (see {@link Services}): its full name, a channel to its server, what
 * its stores hold now, and how to stop it and drop its data.
 */
record Served(String service, ManagedChannel channel, Callable<Map<String, String>> contents, AutoCloseable closer)
    implements AutoCloseable {

  ServingStatus status() {
    return ServingStatuses.check(channel, service);
  }

  ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    return ServingStatuses.await(channel, service, wanted, limit);
  }

  @Override
  public void close() throws Exception {
    closer.close();
  }
}
