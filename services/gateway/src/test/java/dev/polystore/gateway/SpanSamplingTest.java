package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OTEL_TRACES_SAMPLER and its argument, read as OpenTelemetry's SDK reads them. */
class SpanSamplingTest {
  @Test
  void theDefaultKeepsTheCallersDecisionAndSamplesTheRest() {
    assertEquals("ParentBased{root:AlwaysOnSampler,remoteParentSampled:AlwaysOnSampler,"
        + "remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,"
        + "localParentNotSampled:AlwaysOffSampler}", SpanSampling.fromEnv(new Env(Map.of())).getDescription());
  }

  @Test
  void aRatioSamplerTakesItsRatioFromTheArgument() {
    String description = SpanSampling.fromEnv(new Env(Map.of(
        SpanSampling.SAMPLER, "parentbased_traceidratio", SpanSampling.SAMPLER_ARG, "0.25"))).getDescription();
    assertTrue(description.startsWith("ParentBased{root:TraceIdRatioBased{0.250000}"), description);
    assertEquals("TraceIdRatioBased{1.000000}",
        SpanSampling.fromEnv(new Env(Map.of(SpanSampling.SAMPLER, "traceidratio"))).getDescription(), "ratio 1 by default");
  }

  @Test
  void anUnknownSamplerOrABadRatioIsAClearError() {
    ConfigException name = assertThrows(ConfigException.class,
        () -> SpanSampling.fromEnv(new Env(Map.of(SpanSampling.SAMPLER, "jaeger_remote"))));
    assertTrue(name.getMessage().contains("OTEL_TRACES_SAMPLER") && name.getMessage().contains("jaeger_remote"), name.getMessage());
    for (String ratio : new String[] {"1.5", "-0.1", "half", "NaN"}) {
      ConfigException bad = assertThrows(ConfigException.class, () -> SpanSampling.fromEnv(new Env(Map.of(
          SpanSampling.SAMPLER, "traceidratio", SpanSampling.SAMPLER_ARG, ratio))));
      assertTrue(bad.getMessage().contains("OTEL_TRACES_SAMPLER_ARG"), bad.getMessage());
    }
  }
}
