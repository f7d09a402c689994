package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A missing or malformed setting stops start-up with one line that names the variable. These build
 * the modules from a given environment without starting any store.
 */
class GatewayConfigTest {

  private static Env env(String... pairs) {
    Map<String, String> values = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return new Env(values);
  }

  @Test
  void malformedConnectionUrlNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> GatewayModules.create(env("POSTGRES_WRITER_CONN", "mysql://db.internal/accounts")));
    assertEquals("POSTGRES_WRITER_CONN: must start with postgresql://, was 'mysql://'", e.getMessage());
  }

  @Test
  void malformedPoolSizeNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayModules.create(env(
        "POSTGRES_WRITER_CONN", "postgresql://u:p@127.0.0.1:1/x",
        "DB_MAX_CONNECTIONS", "twenty")));
    assertEquals("DB_MAX_CONNECTIONS: must be a whole number, was 'twenty'", e.getMessage());
  }

  @Test
  void malformedReaderNamesTheReaderVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayModules.create(env(
        "POSTGRES_WRITER_CONN", "postgresql://u:p@127.0.0.1:1/x",
        "POSTGRES_READER_CONN", "postgresql:///nohost")));
    assertEquals("POSTGRES_READER_CONN: has no host", e.getMessage());
  }

  @Test
  void unknownServiceSelectionNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayModules.create(env(
        "POSTGRES_WRITER_CONN", "postgresql://u:p@127.0.0.1:1/x",
        "POLYSTORE_SERVICES", "accounts,billing")));
    assertTrue(e.getMessage().startsWith("POLYSTORE_SERVICES: unknown service 'billing'; known: accounts"),
        e.getMessage());
  }
}
