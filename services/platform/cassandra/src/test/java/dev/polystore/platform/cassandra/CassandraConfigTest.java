package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CassandraConfigTest {

  @Test
  void cassandraNeedsContactPointsAndADatacenter() {
    CassandraConfig config = CassandraConfig.fromEnv(new Env(Map.of(
        "CASSANDRA_CONTACT_POINTS", "10.0.0.1:9043, cassandra-2",
        "CASSANDRA_LOCAL_DC", "dc1")));
    assertEquals(List.of("10.0.0.1:9043", "cassandra-2:9042"), config.contactPoints());
    assertEquals("dc1", config.localDatacenter());
    assertEquals(Optional.empty(), config.keyspacesRegion());
    assertEquals(CqlDialect.CASSANDRA, config.dialect());
    assertEquals(Duration.ofSeconds(2), config.requestTimeout());
    assertEquals(1, config.replicationFactor());
    assertEquals(Duration.ofMinutes(2), config.migrationLockTtl());
  }

  @Test
  void theMigrationLockTtlIsConfigurable() {
    CassandraConfig config = CassandraConfig.fromEnv(new Env(Map.of(
        "KEYSPACES_REGION", "eu-west-1", "CASSANDRA_MIGRATION_LOCK_TTL_SECONDS", "600")));
    assertEquals(Duration.ofMinutes(10), config.migrationLockTtl());
    assertThrows(ConfigException.class, () -> CassandraConfig.fromEnv(new Env(Map.of(
        "KEYSPACES_REGION", "eu-west-1", "CASSANDRA_MIGRATION_LOCK_TTL_SECONDS", "1"))));
  }

  @Test
  void keyspacesRegionAloneMeansTheRegionalEndpointOnTls() {
    CassandraConfig config = CassandraConfig.fromEnv(new Env(Map.of("KEYSPACES_REGION", "eu-west-1")));
    assertTrue(config.isKeyspaces());
    assertEquals(List.of("cassandra.eu-west-1.amazonaws.com:9142"), config.contactPoints());
    assertEquals("eu-west-1", config.localDatacenter());
    assertEquals(CqlDialect.KEYSPACES, config.dialect());
  }

  @Test
  void missingSettingsNameTheVariable() {
    ConfigException none = assertThrows(ConfigException.class, () -> CassandraConfig.fromEnv(new Env(Map.of())));
    assertEquals("CASSANDRA_CONTACT_POINTS: is required but not set (or set KEYSPACES_REGION for Amazon Keyspaces)",
        none.getMessage());
    ConfigException noDc = assertThrows(ConfigException.class, () -> CassandraConfig.fromEnv(new Env(Map.of(
        "CASSANDRA_CONTACT_POINTS", "127.0.0.1"))));
    assertEquals("CASSANDRA_LOCAL_DC: is required but not set", noDc.getMessage());
  }

  @Test
  void malformedSettingsNameTheVariable() {
    ConfigException port = assertThrows(ConfigException.class, () -> CassandraConfig.fromEnv(new Env(Map.of(
        "CASSANDRA_CONTACT_POINTS", "127.0.0.1:90420", "CASSANDRA_LOCAL_DC", "dc1"))));
    assertEquals("CASSANDRA_CONTACT_POINTS: '127.0.0.1:90420' has no valid port", port.getMessage());
    ConfigException region = assertThrows(ConfigException.class, () -> CassandraConfig.fromEnv(new Env(Map.of(
        "KEYSPACES_REGION", "Ireland"))));
    assertEquals("KEYSPACES_REGION: must be an AWS region such as eu-west-1, was 'Ireland'", region.getMessage());
    ConfigException timeout = assertThrows(ConfigException.class, () -> CassandraConfig.fromEnv(new Env(Map.of(
        "KEYSPACES_REGION", "us-east-1", "CASSANDRA_REQUEST_TIMEOUT_MS", "soon"))));
    assertEquals("CASSANDRA_REQUEST_TIMEOUT_MS: must be a whole number, was 'soon'", timeout.getMessage());
  }

  @Test
  void bothKindsAtOnceIsAnError() {
    ConfigException both = assertThrows(ConfigException.class, () -> CassandraConfig.fromEnv(new Env(Map.of(
        "KEYSPACES_REGION", "eu-west-1", "CASSANDRA_CONTACT_POINTS", "127.0.0.1", "CASSANDRA_LOCAL_DC", "dc1"))));
    assertTrue(both.getMessage().startsWith("KEYSPACES_REGION: set either"), both.getMessage());
    assertFalse(both.getMessage().contains("\n"));
  }
}
