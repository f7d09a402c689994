package dev.polystore.local;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings the local launcher refuses before it starts any engine. */
class LocalStoresTest {
  @Test
  void refusesProductionMode() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LocalStores.complete(Map.of("POLYSTORE_MODE", "production")));
    assertTrue(e.getMessage().startsWith("POLYSTORE_MODE: the local launcher runs local mode only"), e.getMessage());
  }

  @Test
  void refusesAnUnknownServiceBeforeStartingAnything() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LocalStores.complete(Map.of("POLYSTORE_SERVICES", "billing")));
    assertTrue(e.getMessage().startsWith("POLYSTORE_SERVICES: unknown service 'billing'"), e.getMessage());
  }
}
