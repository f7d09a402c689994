package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

class CachedMeterHandlerTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ObservationRegistry observations = ObservationRegistry.create();

  CachedMeterHandlerTest() {
    observations.observationConfig().observationHandler(new CachedMeterHandler(meters));
  }

  @Test
  void eachStopLandsInTheTimerOfItsTagsAndError() {
    for (int i = 0; i < 3; i++) {
      statement("SELECT").start().stop();
    }
    statement("INSERT").start().stop();
    Observation failed = statement("SELECT").start();
    failed.error(new IllegalStateException("store away"));
    failed.stop();

    assertEquals(3, meters.get("db.client.operation").tags("db.operation.name", "SELECT", "error", "none").timer().count());
    assertEquals(1, meters.get("db.client.operation").tags("db.operation.name", "INSERT", "error", "none").timer().count());
    assertEquals(1, meters.get("db.client.operation")
        .tags("db.operation.name", "SELECT", "error", "IllegalStateException").timer().count());
    assertNull(meters.find("db.client.operation.active").meter(), "no in-flight meter for store calls");
  }

  @Test
  void callsInFlightAreCountedUntilTheyStop() {
    GrpcServerObservationContext context = new GrpcServerObservationContext((carrier, key) -> null);
    Observation call = Observation.createNotStarted("grpc.server", () -> context, observations)
        .lowCardinalityKeyValue("rpc.method", "GetUser").start();
    Gauge active = meters.get("grpc.server.active").tags("rpc.method", "GetUser").gauge();
    assertEquals(1, active.value());
    Observation second = Observation.createNotStarted("grpc.server",
        () -> new GrpcServerObservationContext((carrier, key) -> null), observations)
        .lowCardinalityKeyValue("rpc.method", "GetUser").start();
    assertEquals(2, active.value());
    call.stop();
    assertEquals(1, active.value());
    second.stop();
    assertEquals(0, active.value());
    assertEquals(2, meters.get("grpc.server").tags("rpc.method", "GetUser").timer().count());
  }

  @Test
  void eventsAreCounted() {
    Observation observation = statement("SELECT").start();
    observation.event(Observation.Event.of("retried"));
    observation.event(Observation.Event.of("retried"));
    observation.stop();
    assertEquals(2.0, meters.get("db.client.operation.retried").counter().count());
  }

  private Observation statement(String operation) {
    return Observation.createNotStarted("db.client.operation", observations)
        .lowCardinalityKeyValue("db.operation.name", operation);
  }
}
