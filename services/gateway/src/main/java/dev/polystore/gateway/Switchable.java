package dev.polystore.gateway;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * An observation handler that can be turned off. Handlers cannot be taken out of an observation
 * registry again, and the registry is the process's (platform.telemetry.Telemetry), so a gateway
 * started after another one (tests, the benchmark's on and off runs) flips these instead.
 */
final class Switchable implements ObservationHandler<Observation.Context> {
  private final ObservationHandler<Observation.Context> handler;
  private volatile boolean on;

  @SuppressWarnings("unchecked")
  Switchable(ObservationHandler<? extends Observation.Context> handler) {
    this.handler = (ObservationHandler<Observation.Context>) handler;
  }

  void set(boolean on) {
    this.on = on;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return on && handler.supportsContext(context);
  }

  @Override
  public void onStart(Observation.Context context) {
    handler.onStart(context);
  }

  @Override
  public void onError(Observation.Context context) {
    handler.onError(context);
  }

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {
    handler.onEvent(event, context);
  }

  @Override
  public void onScopeOpened(Observation.Context context) {
    handler.onScopeOpened(context);
  }

  @Override
  public void onScopeClosed(Observation.Context context) {
    handler.onScopeClosed(context);
  }

  @Override
  public void onScopeReset(Observation.Context context) {
    handler.onScopeReset(context);
  }

  @Override
  public void onStop(Observation.Context context) {
    handler.onStop(context);
  }
}
