package dev.polystore.platform.valkey;

import dev.polystore.platform.telemetry.Telemetry;
import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.TraceContextProvider;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.TracerProvider;
import io.lettuce.core.tracing.Tracing;
import java.net.SocketAddress;

/**
 * Lettuce's Micrometer tracing for the commands sent for a call only ({@link Telemetry#observingCall}):
 * a span per command, a child of the RPC's. Commands sent by background loops (health probes'
 * PING, the stream consumers' blocking XREADGROUP, the relays' XADD) get none, where Lettuce's
 * own would make each one a trace of its own. Their latency is still recorded by Lettuce's command
 * latency recorder, which this does not touch.
 *
 * <p>How: Lettuce asks {@link #initialTraceContextProvider} for the trace context on the thread
 * that sends the command; outside a call there is none, and a command without one gets a span
 * that does nothing.
 */
final class CallTracing implements Tracing {
  /** Lettuce's own span that records nothing (its disabled tracing's), for a command sent for no call. */
  private static final Tracer.Span NO_SPAN = Tracing.disabled().getTracerProvider().getTracer().nextSpan();

  private final Tracing delegate;
  private final TracerProvider tracers;

  CallTracing(Tracing delegate) {
    this.delegate = delegate;
    Tracer callsOnly = new Tracer() {
      @Override
      public Span nextSpan() {
        return NO_SPAN;
      }

      @Override
      public Span nextSpan(TraceContext context) {
        return context == null ? NO_SPAN : delegate.getTracerProvider().getTracer().nextSpan(context);
      }
    };
    this.tracers = () -> callsOnly;
  }

  @Override
  public TracerProvider getTracerProvider() {
    return tracers;
  }

  @Override
  public TraceContextProvider initialTraceContextProvider() {
    TraceContextProvider calls = delegate.initialTraceContextProvider();
    return () -> Telemetry.observingCall() ? calls.getTraceContext() : null;
  }

  @Override
  public boolean isEnabled() {
    return delegate.isEnabled();
  }

  @Override
  public boolean includeCommandArgsInSpanTags() {
    return delegate.includeCommandArgsInSpanTags();
  }

  @Override
  public Endpoint createEndpoint(SocketAddress socketAddress) {
    return delegate.createEndpoint(socketAddress);
  }
}
