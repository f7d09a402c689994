package dev.polystore.platform.cassandra;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a service's Cassandra is, from the environment: {@code CASSANDRA_CONTACT_POINTS} and
 * {@code CASSANDRA_LOCAL_DC} for Apache Cassandra, or {@code KEYSPACES_REGION} alone for Amazon
 * Keyspaces (its regional endpoint on 9142, TLS, SigV4, the region as local datacenter).
 *
 * @param contactPoints host:port entries
 * @param localDatacenter the datacenter the driver sends requests to
 * @param keyspacesRegion set for Amazon Keyspaces
 * @param requestTimeout per request; below typical call deadlines, so an outage is an error the
 *     caller sees in time rather than a hang
 * @param replicationFactor of a keyspace created on Cassandra (Keyspaces replicates by itself)
 * @param migrationLockTtl how long the migration lock of an instance that died while migrating
 *     keeps the others waiting; the holder renews it every quarter of this
 * @param poolSize connections per node (Keyspaces serves about 3,000 requests a second on one)
 * @param maxInFlight requests on the wire at once, over all connections; more wait in the driver's
 *     queue rather than overrun the connections (or Keyspaces' per-connection rate)
 */
public record CassandraConfig(
    List<String> contactPoints,
    String localDatacenter,
    Optional<String> keyspacesRegion,
    Duration requestTimeout,
    int replicationFactor,
    Duration migrationLockTtl,
    int poolSize,
    int maxInFlight) {

  public static final String CONTACT_POINTS = "CASSANDRA_CONTACT_POINTS";
  public static final String LOCAL_DC = "CASSANDRA_LOCAL_DC";
  public static final String KEYSPACES_REGION = "KEYSPACES_REGION";
  public static final String REQUEST_TIMEOUT_MS = "CASSANDRA_REQUEST_TIMEOUT_MS";
  public static final String REPLICATION_FACTOR = "CASSANDRA_REPLICATION_FACTOR";
  public static final String MIGRATION_LOCK_TTL_SECONDS = "CASSANDRA_MIGRATION_LOCK_TTL_SECONDS";
  public static final String POOL_SIZE = "CASSANDRA_POOL_SIZE";
  public static final String MAX_IN_FLIGHT = "CASSANDRA_MAX_IN_FLIGHT";

  static final int CASSANDRA_PORT = 9042;
  static final int KEYSPACES_PORT = 9142;
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\]");

  public CassandraConfig {
    contactPoints = List.copyOf(contactPoints);
  }

  public static CassandraConfig fromEnv(Env env) {
    Duration timeout = Duration.ofMillis(env.integer(REQUEST_TIMEOUT_MS, 2_000, 100, 120_000));
    Duration lockTtl = Duration.ofSeconds(env.integer(MIGRATION_LOCK_TTL_SECONDS, 120, 4, 3_600));
    int poolSize = env.integer(POOL_SIZE, 1, 1, 64);
    int maxInFlight = env.integer(MAX_IN_FLIGHT, 4_096, 16, 1_000_000);
    if (env.has(KEYSPACES_REGION)) {
      if (env.has(CONTACT_POINTS)) {
        throw new ConfigException(KEYSPACES_REGION, "set either it (Amazon Keyspaces) or " + CONTACT_POINTS
            + " (Cassandra), not both");
      }
      String region = env.required(KEYSPACES_REGION);
      if (!REGION.matcher(region).matches()) {
        throw new ConfigException(KEYSPACES_REGION, "must be an AWS region such as eu-west-1, was '" + region + "'");
      }
      return new CassandraConfig(List.of("cassandra." + region + ".amazonaws.com:" + KEYSPACES_PORT), region,
          Optional.of(region), timeout, 1, lockTtl, poolSize, maxInFlight);
    }
    // Neither store named: say both ways out, since an operator may be after Keyspaces.
    List<String> points = contactPoints(env.optional(CONTACT_POINTS).orElseThrow(() -> new ConfigException(
        CONTACT_POINTS, "is required but not set (or set " + KEYSPACES_REGION + " for Amazon Keyspaces)")));
    String dc = env.required(LOCAL_DC);
    return new CassandraConfig(points, dc, Optional.empty(), timeout, env.integer(REPLICATION_FACTOR, 1, 1, 10),
        lockTtl, poolSize, maxInFlight);
  }

  public boolean isKeyspaces() {
    return keyspacesRegion.isPresent();
  }

  public CqlDialect dialect() {
    return isKeyspaces() ? CqlDialect.KEYSPACES : CqlDialect.CASSANDRA;
  }

  /** For logs. */
  public String describe() {
    return keyspacesRegion.map(region -> "Amazon Keyspaces in " + region)
        .orElse("Cassandra at " + String.join(",", contactPoints) + " (datacenter " + localDatacenter + ")");
  }

  /** "host1:9042,host2" into host:port entries; the port defaults to 9042. */
  private static List<String> contactPoints(String value) {
    List<String> points = new ArrayList<>();
    for (String raw : value.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.lastIndexOf(':');
      boolean hasPort = colon > 0 && !entry.endsWith("]") && entry.indexOf(':') == colon;
      String host = hasPort ? entry.substring(0, colon) : entry;
      int port = hasPort ? port(entry.substring(colon + 1), entry) : CASSANDRA_PORT;
      if (!HOST.matcher(host).matches()) {
        throw new ConfigException(CONTACT_POINTS, "'" + entry + "' is not host or host:port");
      }
      points.add(host + ":" + port);
    }
    if (points.isEmpty()) {
      throw new ConfigException(CONTACT_POINTS, "names no host");
    }
    return points;
  }

  private static int port(String raw, String entry) {
    try {
      int port = Integer.parseInt(raw);
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below with the whole entry.
    }
    throw new ConfigException(CONTACT_POINTS, "'" + entry + "' has no valid port");
  }
}
