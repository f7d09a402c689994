package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverOption;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.internal.core.connection.ExponentialReconnectionPolicy;
import com.datastax.oss.driver.internal.core.retry.DefaultRetryPolicy;
import com.datastax.oss.driver.internal.core.session.throttling.ConcurrencyLimitingRequestThrottler;
import com.datastax.oss.driver.internal.core.ssl.DefaultSslEngineFactory;
import java.time.Duration;
import java.util.List;
import software.aws.mcs.auth.SigV4AuthProvider;

/**
 * The Java driver's configuration for a {@link CassandraConfig}, built in code so that it is the
 * same everywhere and can be checked by a unit test (no application.conf to drift).
 *
 * <p>Writes go at LOCAL_QUORUM and lightweight transactions at LOCAL_SERIAL (the only levels
 * Amazon Keyspaces accepts for them); the {@link #READS} profile reads at LOCAL_ONE where a
 * slightly stale answer is fine. Reconnection backs off exponentially from 250 ms to 5 s, so a
 * store that comes back is used again within seconds, without a restart. Requests are retried with
 * exponential backoff by {@link CqlExecutor}, outside the driver: a driver retry policy cannot
 * wait without blocking an I/O thread.
 */
public final class CassandraDriverConfig {
  /** Execution profile for reads that may be slightly stale. */
  public static final String READS = "reads";
  /** Execution profile for schema changes, which take longer than queries. */
  public static final String DDL = "ddl";

  /** Read by {@link SigV4AuthProvider}: the region whose credentials sign the handshake. */
  static final DriverOption AWS_REGION = () -> "advanced.auth-provider.aws-region";

  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);

  private CassandraDriverConfig() {}

  public static DriverConfigLoader loader(CassandraConfig config, String sessionName) {
    ProgrammaticDriverConfigLoaderBuilder builder = DriverConfigLoader.programmaticBuilder()
        .withString(DefaultDriverOption.SESSION_NAME, sessionName)
        .withStringList(DefaultDriverOption.CONTACT_POINTS, config.contactPoints())
        .withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, config.localDatacenter())
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.requestTimeout())
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
        .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, "LOCAL_SERIAL")
        .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, false)
        .withClass(DefaultDriverOption.RETRY_POLICY_CLASS, DefaultRetryPolicy.class)
        .withClass(DefaultDriverOption.RECONNECTION_POLICY_CLASS, ExponentialReconnectionPolicy.class)
        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(250))
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(5))
        // The store supervisor retries start-up with its own backoff; the session must not block it.
        .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, false)
        .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(2))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(2))
        // A node that stops answering without closing its sockets is noticed within seconds.
        .withDuration(DefaultDriverOption.HEARTBEAT_INTERVAL, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.HEARTBEAT_TIMEOUT, Duration.ofSeconds(2))
        // A DDL request completes only after the schema refresh it triggers, which the driver
        // debounces by 1 s by default: a second per statement of a migration.
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
        // One RecordEvents batch puts hundreds of writes in flight at once; past the default 1,024
        // per connection the driver fails them with "no connection available". Bound what is on
        // the wire (CASSANDRA_MAX_IN_FLIGHT over CASSANDRA_POOL_SIZE connections per node) and
        // queue the rest in the driver instead of failing them.
        .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, config.poolSize())
        .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, perConnection(config))
        .withClass(DefaultDriverOption.REQUEST_THROTTLER_CLASS, ConcurrencyLimitingRequestThrottler.class)
        .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS, config.maxInFlight())
        .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, 100_000)
        // The driver's own metrics on Micrometer (the session builder is given the registry), as
        // cassandra.session.* and cassandra.nodes.* tagged session=<session name>: what an operator
        // watches on Cassandra and Keyspaces (requests and their latency, client timeouts,
        // throttling, connections, errors by kind).
        .withString(DefaultDriverOption.METRICS_FACTORY_CLASS, "MicrometerMetricsFactory")
        .withString(DefaultDriverOption.METRICS_ID_GENERATOR_CLASS, "TaggingMetricIdGenerator")
        .withString(DefaultDriverOption.METRICS_ID_GENERATOR_PREFIX, "cassandra")
        .withStringList(DefaultDriverOption.METRICS_SESSION_ENABLED, List.of(
            "connected-nodes", "cql-requests", "cql-client-timeouts", "throttling.delay", "throttling.errors",
            "bytes-sent", "bytes-received"))
        .withStringList(DefaultDriverOption.METRICS_NODE_ENABLED, List.of(
            "pool.open-connections", "pool.in-flight", "errors.request.timeouts", "errors.request.unavailables",
            "errors.request.write-timeouts", "errors.request.read-timeouts", "errors.connection.init", "retries.total"))
        .startProfile(READS)
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_ONE")
        .endProfile()
        .startProfile(DDL)
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, DDL_TIMEOUT)
        .endProfile();
    config.keyspacesRegion().ifPresent(region -> builder
        .withClass(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS, DefaultSslEngineFactory.class)
        // The driver connects to the endpoint's peers by IP address, which the certificate does
        // not name; the JDK's trust store still checks the chain (Amazon's roots are in it).
        .withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, false)
        .withClass(DefaultDriverOption.AUTH_PROVIDER_CLASS, SigV4AuthProvider.class)
        .withString(AWS_REGION, region));
    return builder.build();
  }

  /** Room on each connection for its share of the in-flight bound; the protocol allows 32,768. */
  static int perConnection(CassandraConfig config) {
    int share = (config.maxInFlight() + config.poolSize() - 1) / config.poolSize();
    return Math.min(32_768, Math.max(1_024, share));
  }
}
