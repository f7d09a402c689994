package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A missing or malformed setting stops start-up with one line that names the variable. */
class GatewayConfigTest {

  @Test
  void malformedConnectionUrlNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Gateway.start(Map.of("POSTGRES_WRITER_CONN", "mysql://db.internal/accounts")));
    assertEquals("POSTGRES_WRITER_CONN: must start with postgresql://, was 'mysql://'", e.getMessage());
  }

  @Test
  void malformedPoolSizeNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> Gateway.start(Map.of(
        "POSTGRES_WRITER_CONN", "postgresql://u:p@127.0.0.1:1/x",
        "DB_MAX_CONNECTIONS", "twenty")));
    assertEquals("DB_MAX_CONNECTIONS: must be a whole number, was 'twenty'", e.getMessage());
  }

  @Test
  void malformedReaderNamesTheReaderVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> Gateway.start(Map.of(
        "POSTGRES_WRITER_CONN", "postgresql://u:p@127.0.0.1:1/x",
        "POSTGRES_READER_CONN", "postgresql:///nohost")));
    assertEquals("POSTGRES_READER_CONN: has no host", e.getMessage());
  }
}
