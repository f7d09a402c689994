package dev.polystore.fuzz;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every service at once (see {@link Services}), with what all their stores hold. */
final class ServedStack implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(150);

  private final Map<String, Served> served = new LinkedHashMap<>();

  /** Starts every service (their stores migrate in parallel) and waits until all are SERVING. */
  ServedStack(Path vectorData) throws Exception {
    try {
      add(Services.accounts());
      add(Services.messenger());
      add(Services.activity());
      add(Services.files());
      add(Services.presence());
      add(Services.search(vectorData));
      for (Served service : served.values()) {
        ServingStatus status = service.awaitStatus(ServingStatus.SERVING, START_LIMIT);
        if (status != ServingStatus.SERVING) {
          throw new IllegalStateException(service.service() + " did not become SERVING: " + status);
        }
      }
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void add(Served service) {
    served.put(service.service(), service);
  }

  /** By full service name. */
  Map<String, Served> services() {
    return served;
  }

  /** What every store of every service holds now. */
  Map<String, String> contents() throws Exception {
    Map<String, String> all = new LinkedHashMap<>();
    for (Served service : served.values()) {
      service.contents().call().forEach((what, held) -> all.put(service.service() + " " + what, held));
    }
    return all;
  }

  @Override
  public void close() {
    for (Served service : served.values()) {
      try {
        service.close();
      } catch (Exception e) {
        System.err.println("could not stop " + service.service() + ": " + e);
      }
    }
  }
}
