package dev.polystore.platform.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreCallTest {
  private static final StoreCall SELECT = new StoreCall("db.client.operation", "SELECT app",
      KeyValues.of("db.system.name", "postgresql", "db.operation.name", "SELECT"));

  @Test
  void anObservationsKeyValuesAreItsKindsAndThoseAddedToIt() {
    List<Observation.Context> stopped = new ArrayList<>();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });

    SELECT.observation(registry).lowCardinalityKeyValue("db.collection.name", "users").start().stop();

    Observation.Context context = stopped.get(0);
    assertEquals(KeyValues.of("db.system.name", "postgresql", "db.operation.name", "SELECT",
        "db.collection.name", "users"), context.getLowCardinalityKeyValues());
    assertEquals(KeyValue.of("db.operation.name", "SELECT"), context.getLowCardinalityKeyValue("db.operation.name"));
    assertEquals(KeyValue.of("db.collection.name", "users"), context.getLowCardinalityKeyValue("db.collection.name"));
    assertNull(context.getLowCardinalityKeyValue("db.namespace"));
    assertEquals("SELECT app", context.getContextualName());
    assertEquals(SELECT, ((StoreCall.Context) context).call());
  }

  @Test
  void kindsAreEqualByNameSpanNameAndKeyValues() {
    assertEquals(SELECT, new StoreCall("db.client.operation", "SELECT app",
        KeyValues.of("db.operation.name", "SELECT", "db.system.name", "postgresql")));
    assertEquals(SELECT.hashCode(), new StoreCall("db.client.operation", "SELECT app",
        KeyValues.of("db.system.name", "postgresql", "db.operation.name", "SELECT")).hashCode());
    assertNotEquals(SELECT, new StoreCall("db.client.operation", "SELECT app",
        KeyValues.of("db.system.name", "postgresql", "db.operation.name", "INSERT")));
    assertNotEquals(SELECT, new StoreCall("db.client.operation", "SELECT other",
        KeyValues.of("db.system.name", "postgresql", "db.operation.name", "SELECT")));
  }
}
