package dev.polystore.platform.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;

/**
 * The process's meter and observation registries, for the platform and the store bindings.
 *
 * <p>Why process-wide: the bindings are built from the environment before the gateway's Spring
 * context (and its Prometheus registry) exists, and test hosts run them with no wiring at all.
 * Meters go to Micrometer's own global composite, which Spring Boot's actuator joins its registries
 * to ({@code management.metrics.use-global-registry}); meters registered before that are carried
 * over when it does. Observations go to one registry that has no handler until the gateway (or a
 * test) adds them, and an observation registry without handlers makes every observation a no-op.
 */
public final class Telemetry {
  private static final ObservationRegistry OBSERVATIONS = ObservationRegistry.create();

  private Telemetry() {}

  public static MeterRegistry meters() {
    return Metrics.globalRegistry;
  }

  public static ObservationRegistry observations() {
    return OBSERVATIONS;
  }

  /**
   * Whether the current thread is serving an observed call (an RPC's observation is current): the
   * only time a store call is observed (its span and its {@code db.client.operation} timer).
   * Background loops call their stores every few hundred milliseconds whether or not there is work
   * (health probes, outbox relays, stream consumers' blocking reads): observed, each poll was a
   * trace of its own, a flood of one-span traces and the CPU to make them. Their work is measured by
   * their own meters (the pools', the drivers', the relays' and consumers' counters).
   */
  public static boolean observingCall() {
    return !OBSERVATIONS.isNoop() && OBSERVATIONS.getCurrentObservation() != null;
  }
}
