package dev.polystore.gateway;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;

/**
 * An observation handler that can be turned off. Handlers cannot be taken out of an observation
 * registry again, and the registry is the process's (platform.telemetry.Telemetry), so a gateway
 * started after another one (tests, the benchmark's on and off runs) flips these instead.
 */
final class Switchable implements ObservationHandler<Observation.Context> {
  private static final List<String> SCOPE_HOOKS = List.of("onScopeOpened", "onScopeClosed", "onScopeReset");

  private final ObservationHandler<Observation.Context> handler;
  /**
   * Whether the handler does anything when a scope opens or closes. None of the gateway's does, and
   * a call opens two scopes (on the transport thread and on its handler pool's), each of which
   * would call every handler's empty hooks; those calls were 1% of GetUser's CPU in a profile.
   */
  private final boolean scopes;
  private volatile boolean on;

  @SuppressWarnings("unchecked")
  Switchable(ObservationHandler<? extends Observation.Context> handler) {
    this.handler = (ObservationHandler<Observation.Context>) handler;
    this.scopes = overridesScopeHooks(handler.getClass());
  }

  /** Whether {@code type} implements one of the scope hooks, which ObservationHandler leaves empty. */
  static boolean overridesScopeHooks(Class<?> type) {
    for (String hook : SCOPE_HOOKS) {
      try {
        if (type.getMethod(hook, Observation.Context.class).getDeclaringClass() != ObservationHandler.class) {
          return true;
        }
      } catch (NoSuchMethodException e) {
        return true; // cannot tell: forward them
      }
    }
    return false;
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
    if (scopes) {
      handler.onScopeOpened(context);
    }
  }

  @Override
  public void onScopeClosed(Observation.Context context) {
    if (scopes) {
      handler.onScopeClosed(context);
    }
  }

  @Override
  public void onScopeReset(Observation.Context context) {
    if (scopes) {
      handler.onScopeReset(context);
    }
  }

  @Override
  public void onStop(Observation.Context context) {
    handler.onStop(context);
  }
}
