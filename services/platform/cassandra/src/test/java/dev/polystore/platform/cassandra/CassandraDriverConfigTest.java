package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.internal.core.connection.ExponentialReconnectionPolicy;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import com.datastax.oss.driver.internal.core.retry.DefaultRetryPolicy;
import com.datastax.oss.driver.internal.core.ssl.DefaultSslEngineFactory;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.aws.mcs.auth.SigV4AuthProvider;

/**
 * The driver configuration that is built for Amazon Keyspaces, checked without an endpoint (none
 * can be reached from here): the settings, and the driver's own objects made from them.
 */
class CassandraDriverConfigTest {
  private static final CassandraConfig KEYSPACES = CassandraConfig.fromEnv(new Env(Map.of("KEYSPACES_REGION", "eu-west-1")));
  private static final CassandraConfig CASSANDRA = CassandraConfig.fromEnv(new Env(Map.of(
      "CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042", "CASSANDRA_LOCAL_DC", "datacenter1")));

  @Test
  void keyspacesIsReachedOverTlsOn9142WithTheRegionAsDatacenter() {
    DriverExecutionProfile profile = defaults(KEYSPACES);
    assertEquals(List.of("cassandra.eu-west-1.amazonaws.com:9142"), profile.getStringList(DefaultDriverOption.CONTACT_POINTS));
    assertEquals("eu-west-1", profile.getString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER));
    assertEquals(DefaultSslEngineFactory.class.getName(), profile.getString(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS));
    assertFalse(profile.getBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION));
  }

  @Test
  void keyspacesAuthenticatesWithSigV4ForTheRegion() {
    DriverExecutionProfile profile = defaults(KEYSPACES);
    assertEquals(SigV4AuthProvider.class.getName(), profile.getString(DefaultDriverOption.AUTH_PROVIDER_CLASS));
    assertEquals("eu-west-1", profile.getString(CassandraDriverConfig.AWS_REGION));
  }

  @Test
  void writesAreLocalQuorumAndReadsLocalOne() {
    for (CassandraConfig config : List.of(KEYSPACES, CASSANDRA)) {
      DriverConfigLoader loader = CassandraDriverConfig.loader(config, "test");
      DriverExecutionProfile writes = loader.getInitialConfig().getDefaultProfile();
      DriverExecutionProfile reads = loader.getInitialConfig().getProfile(CassandraDriverConfig.READS);
      assertEquals("LOCAL_QUORUM", writes.getString(DefaultDriverOption.REQUEST_CONSISTENCY));
      assertEquals("LOCAL_SERIAL", writes.getString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY));
      assertEquals("LOCAL_ONE", reads.getString(DefaultDriverOption.REQUEST_CONSISTENCY));
      assertFalse(writes.getBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE));
    }
  }

  @Test
  void requestsTimeOutBeforeTypicalDeadlinesAndReconnectionBacksOff() {
    DriverExecutionProfile profile = defaults(KEYSPACES);
    assertEquals(Duration.ofSeconds(2), profile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT));
    assertEquals(ExponentialReconnectionPolicy.class.getName(), profile.getString(DefaultDriverOption.RECONNECTION_POLICY_CLASS));
    assertEquals(Duration.ofMillis(250), profile.getDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY));
    assertEquals(Duration.ofSeconds(5), profile.getDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY));
    assertEquals(Duration.ofSeconds(30), CassandraDriverConfig.loader(KEYSPACES, "test").getInitialConfig()
        .getProfile(CassandraDriverConfig.DDL).getDuration(DefaultDriverOption.REQUEST_TIMEOUT));
  }

  @Test
  void theDriverBuildsTheKeyspacesPlugInsFromThisConfiguration() {
    DefaultDriverContext context = new DefaultDriverContext(CassandraDriverConfig.loader(KEYSPACES, "test"),
        ProgrammaticArguments.builder().build());
    assertInstanceOf(SigV4AuthProvider.class, context.getAuthProvider().orElseThrow());
    assertInstanceOf(DefaultSslEngineFactory.class, context.getSslEngineFactory().orElseThrow());
    assertInstanceOf(DefaultRetryPolicy.class, context.getRetryPolicy(DriverExecutionProfile.DEFAULT_NAME));
    assertInstanceOf(ExponentialReconnectionPolicy.class, context.getReconnectionPolicy());
  }

  @Test
  void cassandraHasNeitherTlsNorAuthentication() {
    DriverExecutionProfile profile = defaults(CASSANDRA);
    assertFalse(profile.isDefined(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS));
    assertFalse(profile.isDefined(DefaultDriverOption.AUTH_PROVIDER_CLASS));
    assertTrue(profile.getStringList(DefaultDriverOption.CONTACT_POINTS).contains("127.0.0.1:9042"));
  }

  @Test
  void poolSizeAndInFlightRequestsComeFromTheConfiguration() {
    DriverExecutionProfile profile = defaults(CassandraConfig.fromEnv(new Env(Map.of("KEYSPACES_REGION", "eu-west-1",
        "CASSANDRA_POOL_SIZE", "9", "CASSANDRA_MAX_IN_FLIGHT", "18000"))));
    assertEquals(9, profile.getInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE));
    assertEquals(18_000, profile.getInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS));
    assertEquals(2_000, profile.getInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS));
    assertEquals(1, defaults(CASSANDRA).getInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE));
    assertEquals(4_096, defaults(CASSANDRA).getInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS));
  }

  private static DriverExecutionProfile defaults(CassandraConfig config) {
    return CassandraDriverConfig.loader(config, "test").getInitialConfig().getDefaultProfile();
  }
}
