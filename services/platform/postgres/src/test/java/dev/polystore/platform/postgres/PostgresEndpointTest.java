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
    assertEquals(10_000, config.statementTimeout().toMillis());
    assertEquals(15, config.socketTimeout().toSeconds());
  }

  @Test
  void aSocketTimeoutNotLongerThanTheStatementTimeoutIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> PostgresConfig.fromEnv(new Env(Map.of(
        "POSTGRES_WRITER_CONN", "postgresql://u:p@h:1/x", "DB_STATEMENT_TIMEOUT_MS", "20000")), "accounts"));
    assertEquals("DB_SOCKET_TIMEOUT_SECONDS: must be longer than DB_STATEMENT_TIMEOUT_MS (20000 ms) or 0, was 15",
        e.getMessage());
  }

  @Test
  void optionsInTheUrlAreKeptOutOfItAndPassedWithTheStatementTimeout() {
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(
        "POSTGRES_WRITER_CONN", "postgresql://u:p@h:1/x?options=-c%20search_path%3Dapp&sslmode=require")), "accounts");
    assertEquals("jdbc:postgresql://h:1/accounts?sslmode=require", config.writer().jdbcUrl("accounts"));
    assertEquals("-c search_path=app -c statement_timeout=10000", DriverProperties.of(config, config.writer(), "x",
        java.time.Duration.ofSeconds(5), config.socketTimeout()).getProperty("options"));
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
