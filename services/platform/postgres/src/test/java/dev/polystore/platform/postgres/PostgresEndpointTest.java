package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresEndpointTest {

  @Test
  void readsLibpqUrlAndAlwaysUsesTheServiceDatabase() {
    PostgresEndpoint endpoint = PostgresEndpoint.parse("X",
        "postgresql://app:s%3Acret@db.example:6432/ignored?sslmode=require");
    assertEquals("app", endpoint.user());
    assertEquals("s:cret", endpoint.password());
    assertEquals("jdbc:postgresql://db.example:6432/accounts?sslmode=require", endpoint.jdbcUrl("accounts"));
  }

  @Test
  void readsJdbcUrlWithCredentialsAsParameters() {
    PostgresEndpoint endpoint = PostgresEndpoint.parse("X", "jdbc:postgresql://10.0.0.1/postgres?user=a&password=b");
    assertEquals(5432, endpoint.port());
    assertEquals("a", endpoint.user());
    assertEquals("b", endpoint.password());
    assertEquals("jdbc:postgresql://10.0.0.1:5432/messenger", endpoint.jdbcUrl("messenger"));
  }

  @Test
  void describeNeverShowsThePassword() {
    PostgresEndpoint endpoint = PostgresEndpoint.parse("X", "postgresql://app:topsecret@h:1/db");
    assertEquals("app@h:1/accounts", endpoint.describe("accounts"));
  }

  @Test
  void refusesOtherSchemesNamingTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> PostgresEndpoint.parse("POSTGRES_WRITER_CONN", "mysql://h/db"));
    assertEquals("POSTGRES_WRITER_CONN: must start with postgresql://, was 'mysql://'", e.getMessage());
  }

  @Test
  void readerDefaultsToWriterAndPoolSettingsHaveDesignDefaults() {
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of("POSTGRES_WRITER_CONN", "postgresql://u:p@h:1/x")), "accounts");
    assertEquals(config.writer(), config.reader());
    assertEquals(20, config.maxConnections());
    assertEquals(5, config.minConnections());
    assertEquals(30_000, config.idleTimeout().toMillis());
    assertEquals(20_000, config.connectionTimeout().toMillis());
  }

  @Test
  void missingWriterNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> PostgresConfig.fromEnv(new Env(Map.of()), "accounts"));
    assertEquals("POSTGRES_WRITER_CONN: is required but not set", e.getMessage());
  }

  @Test
  void minConnectionsAboveMaxIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> PostgresConfig.fromEnv(new Env(Map.of(
        "POSTGRES_WRITER_CONN", "postgresql://u:p@h:1/x", "DB_MAX_CONNECTIONS", "4", "DB_MIN_CONNECTIONS", "5")), "accounts"));
    assertEquals("DB_MIN_CONNECTIONS: must be between 0 and 4, was 5", e.getMessage());
  }
}
