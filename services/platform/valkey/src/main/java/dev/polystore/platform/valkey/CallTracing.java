package dev.polystore.platform.valkey;

import dev.polystore.platform.telemetry.Telemetry;
import io.lettuce.core.protocol.RedisCommand;
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
  private final Tracing delegate;
  private final TracerProvider tracers;

  CallTracing(Tracing delegate) {
    this.delegate = delegate;
    Tracer callsOnly = new Tracer() {
      @Override
      public Span nextSpan() {
        return NoSpan.INSTANCE;
      }

      @Override
      public Span nextSpan(TraceContext context) {
        return context == null ? NoSpan.INSTANCE : delegate.getTracerProvider().getTracer().nextSpan(context);
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

  /** A span that records nothing: the command was not sent for a call. */
  private static final class NoSpan extends Tracer.Span {
    static final NoSpan INSTANCE = new NoSpan();

    @Override
    public Tracer.Span start(RedisCommand<?, ?, ?> command) {
      return this;
    }

    @Override
    public Tracer.Span name(String name) {
      return this;
    }

    @Override
    public Tracer.Span annotate(String value) {
      return this;
    }

    @Override
    public Tracer.Span tag(String key, String value) {
      return this;
    }

    @Override
    public Tracer.Span error(Throwable throwable) {
      return this;
    }

    @Override
    public Tracer.Span remoteEndpoint(Endpoint endpoint) {
      return this;
    }

    @Override
    public void finish() {
      // nothing was started
    }
  }
}
