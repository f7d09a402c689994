package dev.polystore.gateway;

import dev.polystore.platform.telemetry.AccessLog;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * The gateway's three observation handlers (meters, spans, the access log) as the one handler of
 * the process's observation registry, each part on or off. Handlers cannot be taken out of a
 * registry again, and the registry is the process's (platform.telemetry.Telemetry), so a gateway
 * started after another one (tests, the benchmark's on and off runs) sets which parts are on here.
 *
 * <p>Why one handler and not three: Micrometer asks every handler whether it supports each new
 * observation and calls every one on each start, scope and stop, through an interface call the JIT
 * cannot inline once it has seen three handlers; each call opens two scopes, whose hooks none of
 * the parts has. Here each part is called directly, and only on start, event and stop (none has
 * scope or error hooks: the stop finds the error in the context; TelemetryHandlersTest checks).
 *
 * <p>A part is started only while it is on; it is stopped when it left its state in the context at
 * the start (each part reads its own), so turning one on or off while calls are in flight neither
 * stops what was not started nor leaves a started one running.
 */
final class TelemetryHandlers implements ObservationHandler<Observation.Context> {
  private final CachedMeterHandler meters;
  private final SpanHandler spans;
  private final AccessLog accessLog;
  private volatile boolean metersOn;
  private volatile boolean spansOn;
  private volatile boolean accessLogOn;

  TelemetryHandlers(CachedMeterHandler meters, SpanHandler spans, AccessLog accessLog) {
    this.meters = meters;
    this.spans = spans;
    this.accessLog = accessLog;
  }

  void set(boolean meters, boolean spans, boolean accessLog) {
    this.metersOn = meters;
    this.spansOn = spans;
    this.accessLogOn = accessLog;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return metersOn || spansOn || accessLogOn && context instanceof GrpcServerObservationContext;
  }

  @Override
  public void onStart(Observation.Context context) {
    if (metersOn) {
      meters.onStart(context);
    }
    if (spansOn) {
      spans.onStart(context);
    }
    if (accessLogOn && context instanceof GrpcServerObservationContext call) {
      accessLog.onStart(call);
    }
  }

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {
    if (metersOn) {
      meters.onEvent(event, context);
    }
  }

  /** In the reverse order of the start, as Micrometer stops its handlers: the access log reads the span. */
  @Override
  public void onStop(Observation.Context context) {
    if (context instanceof GrpcServerObservationContext call) {
      accessLog.onStop(call);
    }
    spans.onStop(context);
    meters.onStop(context);
  }
}
