package dev.polystore.gateway;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OpenTelemetry span per observation: a call's (kind SERVER, continuing the caller's W3C
 * {@code traceparent}) and each store call's (a child of the observation it runs under; CLIENT for
 * the drivers' sender contexts, INTERNAL otherwise), named by the observation's contextual name and
 * carrying its key values as attributes; an error ends it with status ERROR and the exception.
 *
 * <p>Why not Micrometer Tracing's handlers over its OpenTelemetry bridge: they wrap every span,
 * context and scope in the bridge's types, keep them in a map per observation, and make the span
 * current in OpenTelemetry's context on every scope the call opens (the handler pool opens one per
 * callback). Nothing here reads OpenTelemetry's current context (the store calls find their parent
 * through the observation), so none of that is needed; measured with ObservabilityBench, the bridge
 * was most of what tracing cost a call (docs/benchmarks.md, observability).
 */
final class SpanHandler implements ObservationHandler<Observation.Context> {
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  /** Attribute keys by name: a handful of names, one key object each. */
  private static final Map<String, AttributeKey<String>> KEYS = new ConcurrentHashMap<>();

  private final Tracer tracer;

  SpanHandler(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void onStart(Observation.Context context) {
    Context parent;
    SpanKind kind;
    if (context instanceof ReceiverContext<?> receiver) {
      parent = W3C.extract(Context.root(), receiver, CarrierGetter.INSTANCE);
      kind = SpanKind.SERVER;
    } else {
      Span parentSpan = span(context.getParentObservation());
      if (parentSpan != null && !parentSpan.getSpanContext().isSampled()) {
        // The call was left out by the sampler, and so is each of its store calls under every
        // sampler SpanSampling makes (parent-based, or a ratio of the same trace id): no span to
        // start, end, or give an id to; most calls are not sampled by default.
        return;
      }
      parent = parentSpan == null ? Context.root() : Context.root().with(parentSpan);
      kind = context instanceof SenderContext<?> ? SpanKind.CLIENT : SpanKind.INTERNAL;
    }
    context.put(Span.class, tracer.spanBuilder(context.getName()).setParent(parent).setSpanKind(kind).startSpan());
  }

  @Override
  public void onStop(Observation.Context context) {
    Span span = context.get(Span.class);
    if (span == null) {
      return;
    }
    if (span.isRecording()) {
      String name = context.getContextualName();
      span.updateName(name == null || name.isBlank() ? context.getName() : name);
      for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
        span.setAttribute(key(keyValue.getKey()), keyValue.getValue());
      }
      for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
        span.setAttribute(key(keyValue.getKey()), keyValue.getValue());
      }
      Throwable error = context.getError();
      if (error != null) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      }
    }
    span.end();
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return true;
  }

  /** The trace id of the observation's span, when it has one that is valid. */
  static Optional<String> traceId(Observation.Context context) {
    Span span = context.get(Span.class);
    return span == null || !span.getSpanContext().isValid() ? Optional.empty() : Optional.of(span.getSpanContext().getTraceId());
  }

  private static Span span(ObservationView observation) {
    return observation == null ? null : observation.getContextView().get(Span.class);
  }

  private static AttributeKey<String> key(String name) {
    AttributeKey<String> key = KEYS.get(name);
    return key != null ? key : KEYS.computeIfAbsent(name, AttributeKey::stringKey);
  }

  /** Reads the caller's headers through the receiver context's own getter (gRPC metadata here). */
  private enum CarrierGetter implements TextMapGetter<ReceiverContext<?>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(ReceiverContext<?> context) {
      return List.of(); // only the W3C headers are read, by name
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public String get(ReceiverContext<?> context, String key) {
      Object carrier = context == null ? null : context.getCarrier();
      return carrier == null ? null : ((ReceiverContext) context).getGetter().get(carrier, key);
    }
  }
}
