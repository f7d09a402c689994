package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production jar runs production only: local mode is the local launcher's. */
class ModeTest {
  @Test
  void productionByDefaultAndByName() {
    assertEquals(Map.of(), Mode.production(Map.of()));
    assertEquals(Map.of("POLYSTORE_MODE", "production"), Mode.production(Map.of("POLYSTORE_MODE", "production")));
  }

  @Test
  void refusesLocalModeNamingTheLauncher() {
    ConfigException e = assertThrows(ConfigException.class, () -> Mode.production(Map.of("POLYSTORE_MODE", "local")));
    assertTrue(e.getMessage().startsWith("POLYSTORE_MODE: local mode needs the local launcher jar"), e.getMessage());
  }

  @Test
  void refusesAnUnknownMode() {
    ConfigException e = assertThrows(ConfigException.class, () -> Mode.production(Map.of("POLYSTORE_MODE", "dev")));
    assertTrue(e.getMessage().startsWith("POLYSTORE_MODE: must be production"), e.getMessage());
  }
}
