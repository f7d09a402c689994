package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates a service's keyspace when it does not exist yet, so that its migrations (and their
 * bookkeeping tables) have a home: NetworkTopologyStrategy in the local datacenter on Cassandra,
 * SingleRegionStrategy on Amazon Keyspaces.
 */
final class KeyspaceBootstrap {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  private KeyspaceBootstrap() {}

  static String checkedName(String keyspace) {
    if (!NAME.matcher(keyspace).matches()) {
      throw new IllegalArgumentException("not a keyspace name: " + keyspace);
    }
    return keyspace;
  }

  static void create(CqlSession admin, CassandraConfig config, String keyspace) {
    String replication = config.isKeyspaces()
        ? "{'class': 'SingleRegionStrategy'}"
        : "{'class': 'NetworkTopologyStrategy', '" + config.localDatacenter().replace("'", "''") + "': "
            + config.replicationFactor() + "}";
    ResultSet result = admin.execute(SimpleStatement.newInstance(
            "CREATE KEYSPACE IF NOT EXISTS " + checkedName(keyspace) + " WITH replication = " + replication)
        .setExecutionProfileName(CassandraDriverConfig.DDL));
    SchemaSettling.await(admin, config.dialect(), keyspace, result, Optional.empty(), () -> { });
  }
}
