package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OTEL_TRACES_SAMPLER and its argument, read as OpenTelemetry's SDK reads them; unset, a tenth of
 * the untraced calls and every call a caller traced.
 */
class SpanSamplingTest {
  private static final int CALLS = 20_000;

  @Test
  void theDefaultKeepsTheCallersDecisionAndSamplesATenthOfTheRest() {
    Sampler sampler = SpanSampling.fromEnv(new Env(Map.of()));
    assertEquals("ParentBased{root:TraceIdRatioBased{0.100000},remoteParentSampled:AlwaysOnSampler,"
        + "remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,"
        + "localParentNotSampled:AlwaysOffSampler}", sampler.getDescription());
    int newTraces = sampled(sampler, Context.root());
    // Binomial(20,000, 0.1): mean 2,000, standard deviation 42; 1,800-2,200 is about five of them.
    assertTrue(newTraces > 1_800 && newTraces < 2_200, newTraces + " of " + CALLS + " new traces sampled");
    assertEquals(CALLS, sampled(sampler, callerContext(TraceFlags.getSampled())), "a caller's sampled trace");
    assertEquals(0, sampled(sampler, callerContext(TraceFlags.getDefault())), "a caller's unsampled trace");
  }

  @Test
  void theDefaultRatioFollowsTheArgumentAndEveryCallIsOneSettingAway() {
    assertTrue(SpanSampling.fromEnv(new Env(Map.of(SpanSampling.SAMPLER_ARG, "0.5"))).getDescription()
        .startsWith("ParentBased{root:TraceIdRatioBased{0.500000}"));
    Sampler everyCall = SpanSampling.fromEnv(new Env(Map.of(SpanSampling.SAMPLER, "parentbased_always_on")));
    assertEquals(CALLS, sampled(everyCall, Context.root()));
    assertThrows(ConfigException.class, () -> SpanSampling.fromEnv(new Env(Map.of(SpanSampling.SAMPLER_ARG, "ten"))));
  }

  /** How many of {@link #CALLS} server spans with random trace ids {@code sampler} records under {@code parent}. */
  private static int sampled(Sampler sampler, Context parent) {
    IdGenerator ids = IdGenerator.random();
    int sampled = 0;
    for (int i = 0; i < CALLS; i++) {
      String traceId = Span.fromContext(parent).getSpanContext().isValid()
          ? Span.fromContext(parent).getSpanContext().getTraceId() : ids.generateTraceId();
      SamplingResult result = sampler.shouldSample(parent, traceId, "call", SpanKind.SERVER, Attributes.empty(), List.of());
      if (result.getDecision() == SamplingDecision.RECORD_AND_SAMPLE) {
        sampled++;
      }
    }
    return sampled;
  }

  /** A context continuing a caller's trace, as a {@code traceparent} with {@code flags} gives it. */
  private static Context callerContext(TraceFlags flags) {
    IdGenerator ids = IdGenerator.random();
    return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
        ids.generateTraceId(), ids.generateSpanId(), flags, TraceState.getDefault())));
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
