package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.telemetry.AccessLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchableTest {
  @Test
  void theGatewaysHandlersHaveNoScopeHooksToCall() {
    assertFalse(Switchable.overridesScopeHooks(CachedMeterHandler.class));
    assertFalse(Switchable.overridesScopeHooks(SpanHandler.class));
    assertFalse(Switchable.overridesScopeHooks(AccessLog.class));
  }

  @Test
  void aHandlerWithScopeHooksGetsThemWhileOn() {
    Recording recording = new Recording();
    Switchable switchable = new Switchable(recording);
    assertTrue(Switchable.overridesScopeHooks(Recording.class));
    ObservationRegistry registry = registryWith(switchable);

    switchable.set(true);
    observeWithAScope(registry);
    switchable.set(false);
    observeWithAScope(registry);

    assertEquals(List.of("start", "opened", "closed", "stop"), recording.calls);
  }

  @Test
  void aHandlerWithoutScopeHooksStillGetsStartAndStop() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Switchable switchable = new Switchable(new CachedMeterHandler(meters));
    ObservationRegistry registry = registryWith(switchable);
    switchable.set(true);
    observeWithAScope(registry);
    assertEquals(1, meters.get("work").timer().count());
    assertNull(registry.getCurrentObservation(), "the scope was closed");
  }

  private static ObservationRegistry registryWith(Switchable switchable) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(switchable);
    return registry;
  }

  /** One observation, started, made current in a scope that is closed again, and stopped. */
  private static void observeWithAScope(ObservationRegistry registry) {
    Observation observation = Observation.start("work", registry);
    observation.openScope().close();
    observation.stop();
  }

  private static final class Recording implements ObservationHandler<Observation.Context> {
    private final List<String> calls = new ArrayList<>();

    @Override
    public void onStart(Observation.Context context) {
      calls.add("start");
    }

    @Override
    public void onScopeOpened(Observation.Context context) {
      calls.add("opened");
    }

    @Override
    public void onScopeClosed(Observation.Context context) {
      calls.add("closed");
    }

    @Override
    public void onStop(Observation.Context context) {
      calls.add("stop");
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }
  }
}
