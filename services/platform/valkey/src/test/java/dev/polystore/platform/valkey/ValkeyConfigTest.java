package dev.polystore.platform.valkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import io.lettuce.core.RedisCredentials;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValkeyConfigTest {

  @Test
  void readsAPlainStandaloneUrlWithDefaultTimeouts() {
    ValkeyConfig config = ValkeyConfig.fromEnv(new Env(Map.of("VALKEY_URL", "redis://127.0.0.1:6390")));
    assertEquals("127.0.0.1", config.uri().getHost());
    assertEquals(6390, config.uri().getPort());
    assertFalse(config.uri().isSsl());
    assertFalse(config.cluster());
    assertEquals(Duration.ofSeconds(1), config.connectTimeout());
    assertEquals(Duration.ofSeconds(1), config.commandTimeout());
  }

  @Test
  void readsTlsClusterWithCredentialsAndKeepsThePasswordOutOfLogs() {
    ValkeyConfig config = ValkeyConfig.fromEnv(new Env(Map.of(
        "VALKEY_URL", "rediss://app:s3cret@presence.serverless.use1.cache.amazonaws.com:6379",
        "VALKEY_CLUSTER", "true",
        "VALKEY_COMMAND_TIMEOUT_MS", "500")));
    assertTrue(config.uri().isSsl());
    assertTrue(config.cluster());
    RedisCredentials credentials = config.uri().getCredentialsProvider().resolveCredentials().block();
    assertEquals("app", credentials.getUsername());
    assertEquals("s3cret", new String(credentials.getPassword()));
    assertEquals(Duration.ofMillis(500), config.commandTimeout());
    assertFalse(config.describe().contains("s3cret"), config.describe());
  }

  @Test
  void refusesMissingOrForeignUrlsNamingTheVariable() {
    assertMessage("VALKEY_URL: is required but not set", Map.of());
    assertMessage("VALKEY_URL: must start with redis:// or rediss://, was 'http://'",
        Map.of("VALKEY_URL", "http://localhost:6379"));
    assertMessage("VALKEY_CLUSTER: must be true or false, was 'yes'",
        Map.of("VALKEY_URL", "redis://localhost", "VALKEY_CLUSTER", "yes"));
  }

  @Test
  void refusesADatabaseOtherThanZeroBecauseWeNeverSelect() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ValkeyConfig.fromEnv(new Env(Map.of("VALKEY_URL", "redis://localhost:6379/3"))));
    assertTrue(e.getMessage().startsWith("VALKEY_URL: names database 3"), e.getMessage());
  }

  private static void assertMessage(String expected, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> ValkeyConfig.fromEnv(new Env(env)));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void refusesAServerlessEndpointWithoutTlsOrWithoutClusterMode() {
    String host = "presence-x1y2z3.serverless.euw1.cache.amazonaws.com:6379";
    ConfigException plain = assertThrows(ConfigException.class, () -> ValkeyConfig.fromEnv(new Env(Map.of(
        "VALKEY_URL", "redis://" + host, "VALKEY_CLUSTER", "true"))));
    assertTrue(plain.getMessage().contains("VALKEY_URL") && plain.getMessage().contains("rediss://"), plain.getMessage());
    ConfigException standalone = assertThrows(ConfigException.class, () -> ValkeyConfig.fromEnv(new Env(Map.of(
        "VALKEY_URL", "rediss://" + host))));
    assertTrue(standalone.getMessage().contains("VALKEY_CLUSTER"), standalone.getMessage());
    assertThrows(ConfigException.class, () -> ValkeyConfig.fromEnv(new Env(Map.of(
        "VALKEY_URL", "rediss://cache-1.serverless.cnn1.cache.amazonaws.com.cn:6379"))));

    // Other hosts may be standalone and plain, as devstack's and node-based clusters' are.
    assertFalse(ValkeyConfig.fromEnv(new Env(Map.of("VALKEY_URL", "redis://presence.abc123.ng.0001.euw1.cache.amazonaws.com:6379")))
        .cluster());
  }

  @Test
  void iamAuthMakesTheTokenProviderForTheNamedUserAndCache() {
    ValkeyConfig config = ValkeyConfig.fromEnv(new Env(Map.of(
        "VALKEY_URL", "rediss://polystore-prod-presence-abc123.serverless.euw1.cache.amazonaws.com:6379",
        "VALKEY_CLUSTER", "true",
        "VALKEY_IAM_AUTH", "true",
        "VALKEY_USER", "polystore-prod-app",
        "VALKEY_IAM_CACHE_NAME", "polystore-prod-presence",
        "AWS_REGION", "eu-west-1")));
    ElastiCacheIamCredentials credentials = (ElastiCacheIamCredentials) config.credentials().orElseThrow();
    assertEquals("polystore-prod-app", credentials.userId());
    assertTrue(config.describe().contains("IAM"), config.describe());
    assertTrue(ValkeyConfig.fromEnv(new Env(Map.of("VALKEY_URL", "redis://127.0.0.1:6390"))).credentials().isEmpty());
  }

  @Test
  void iamAuthRefusesPlainTextAPasswordInTheUrlAndMissingSettings() {
    Map<String, String> iam = Map.of("VALKEY_IAM_AUTH", "true", "VALKEY_USER", "app",
        "VALKEY_IAM_CACHE_NAME", "presence", "AWS_REGION", "eu-west-1");
    assertThrows(ConfigException.class, () -> ValkeyConfig.fromEnv(new Env(with(iam, "VALKEY_URL", "redis://cache.example:6379"))));
    assertThrows(ConfigException.class, () -> ValkeyConfig.fromEnv(new Env(with(iam, "VALKEY_URL", "rediss://app:pw@cache.example:6379"))));
    Map<String, String> noCache = new java.util.HashMap<>(with(iam, "VALKEY_URL", "rediss://cache.example:6379"));
    noCache.remove("VALKEY_IAM_CACHE_NAME");
    assertThrows(ConfigException.class, () -> ValkeyConfig.fromEnv(new Env(noCache)));
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put(name, value);
    return all;
  }
}
