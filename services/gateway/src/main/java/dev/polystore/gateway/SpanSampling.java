package dev.polystore.gateway;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import io.opentelemetry.context.Context;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Which calls are traced, from OpenTelemetry's own variables: {@code OTEL_TRACES_SAMPLER} (the
 * SDK's names: {@code parentbased_always_on}, {@code parentbased_traceidratio},
 * {@code traceidratio}, {@code always_on}, {@code always_off}, {@code parentbased_always_off}) and
 * {@code OTEL_TRACES_SAMPLER_ARG} (the ratio, 0 to 1, default 1). A "parentbased" sampler keeps the
 * caller's decision when its {@code traceparent} carries one, so a traced caller's trace is whole.
 *
 * <p>With {@code OTEL_TRACES_SAMPLER} unset, a tenth of the calls nobody traced yet are, and every
 * call whose caller traced it ({@code parentbased_traceidratio}, the ratio from
 * {@code OTEL_TRACES_SAMPLER_ARG} or 0.1): Spring Boot's default probability, not the SDK's
 * {@code parentbased_always_on}. Why: exporting a span for every call cost the gateway 13% of its
 * calls at 16 clients, a tenth of them 2-5% (ObservabilityBench, docs/benchmarks.md); an operator
 * who wants every call sets {@code OTEL_TRACES_SAMPLER=parentbased_always_on}.
 *
 * <p>Why read them here: OpenTelemetry's autoconfigure module reads the same variables, but it
 * builds the whole SDK from the environment (exporters, propagators, resource), which the gateway
 * builds itself once per process; and the sampler must follow each gateway start, so it is a
 * delegate that {@link #set} replaces.
 */
final class SpanSampling implements Sampler {
  static final String SAMPLER = "OTEL_TRACES_SAMPLER";
  static final String SAMPLER_ARG = "OTEL_TRACES_SAMPLER_ARG";

  /** Every call, and always the caller's decision when it made one: the SDK's default. */
  static final Sampler EVERY_CALL = Sampler.parentBased(Sampler.alwaysOn());
  /** The ratio of untraced calls traced when the variables name no sampler. */
  static final String DEFAULT_RATIO = "0.1";

  private volatile Sampler current = EVERY_CALL;

  /** The sampler the variables name; a clear error for a name or ratio OpenTelemetry does not know. */
  static Sampler fromEnv(Env env) {
    if (!env.has(SAMPLER)) {
      return Sampler.parentBased(Sampler.traceIdRatioBased(ratio(env, DEFAULT_RATIO)));
    }
    String name = env.string(SAMPLER, "");
    return switch (name) {
      case "always_on" -> Sampler.alwaysOn();
      case "always_off" -> Sampler.alwaysOff();
      case "traceidratio" -> Sampler.traceIdRatioBased(ratio(env, "1"));
      case "parentbased_always_on" -> EVERY_CALL;
      case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio(env, "1")));
      default -> throw new ConfigException(SAMPLER, "must be one of always_on, always_off, traceidratio, "
          + "parentbased_always_on, parentbased_always_off, parentbased_traceidratio; was '" + name + "'");
    };
  }

  private static double ratio(Env env, String fallback) {
    String raw = env.string(SAMPLER_ARG, fallback);
    double ratio;
    try {
      ratio = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      ratio = Double.NaN; // refused below, with the range
    }
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new ConfigException(SAMPLER_ARG, "must be a number from 0 to 1, was '" + raw + "'");
    }
    return ratio;
  }

  void set(Sampler sampler) {
    current = sampler;
  }

  @Override
  public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
      Attributes attributes, List<LinkData> links) {
    return current.shouldSample(parent, traceId, name, kind, attributes, links);
  }

  @Override
  public String getDescription() {
    return current.getDescription();
  }
}
