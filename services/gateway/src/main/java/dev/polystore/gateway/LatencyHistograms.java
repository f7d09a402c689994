package dev.polystore.gateway;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Set;

/**
 * Prometheus histogram buckets for the latencies an operator asks quantiles of (p99 per RPC, per
 * store call), from 1 ms to the 30 s default deadline. Only these timers, by exact name: the
 * actuator's percentiles-histogram property matches name prefixes, and would give buckets to any
 * other timer under them, where they are only cost.
 */
final class LatencyHistograms implements MeterFilter {
  private static final Set<String> TIMERS = Set.of(
      "grpc.server", "db.client.operation", "lettuce.command.completion", "vector.operation");

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (id.getType() != Meter.Type.TIMER || !TIMERS.contains(id.getName())) {
      return config;
    }
    return DistributionStatisticConfig.builder()
        .percentilesHistogram(true)
        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
        .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
        .build()
        .merge(config);
  }
}
