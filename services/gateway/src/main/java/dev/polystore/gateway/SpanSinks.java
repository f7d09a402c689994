package dev.polystore.gateway;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Where finished spans go: the OTLP exporter's processor when OTEL_EXPORTER_OTLP_ENDPOINT is set,
 * or one a test or the benchmark gives; nowhere otherwise. A delegate, as the tracer provider is
 * built once per process (see {@link GatewayTelemetry}) and its processors are fixed then.
 */
final class SpanSinks implements SpanProcessor {
  private volatile SpanProcessor delegate;

  /** Replaces the sink; the previous one is flushed and shut down. */
  void set(SpanProcessor next) {
    SpanProcessor previous = delegate;
    delegate = next;
    if (previous != null && previous != next) { // the same processor applied again stays open
      previous.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  boolean isSet() {
    return delegate != null;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    SpanProcessor sink = delegate;
    if (sink != null) {
      sink.onStart(parentContext, span);
    }
  }

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    SpanProcessor sink = delegate;
    if (sink != null) {
      sink.onEnd(span);
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode forceFlush() {
    SpanProcessor sink = delegate;
    return sink == null ? CompletableResultCode.ofSuccess() : sink.forceFlush();
  }
}
