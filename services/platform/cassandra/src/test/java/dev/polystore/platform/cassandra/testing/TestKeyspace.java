package dev.polystore.platform.cassandra.testing;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalCassandra;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraDriverConfig;
import dev.polystore.platform.config.Env;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh keyspace name on devstack's Cassandra for one test server (the service creates the
 * keyspace at start-up), a session of the test's own on it, and the keyspace's removal at close.
 */
public final class TestKeyspace implements AutoCloseable {
  public final LocalCassandra cassandra = Devstack.cassandra();
  /** devstack's Cassandra, or Amazon Keyspaces under the managed-stores profile ({@link ManagedKeyspaces}). */
  public final CassandraConfig config = ManagedKeyspaces.config()
      .orElseGet(() -> CassandraConfig.fromEnv(new Env(cassandra.env())));
  public final String name;
  private final String sessionName;
  private final List<String> tables;
  private CqlSession cql;

  /**
   * @param service the service's name, which prefixes the keyspace's
   * @param tables the tables {@link #contents()} reports
   */
  public TestKeyspace(String service, List<String> tables) {
    this.name = service + "_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.sessionName = service + "-it";
    this.tables = List.copyOf(tables);
  }

  /** A session of the test's own on the keyspace, opened at first use. */
  public synchronized CqlSession cql() {
    if (cql == null) {
      cql = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(config, sessionName))
          .withKeyspace(CqlIdentifier.fromCql(name)).build();
    }
    return cql;
  }

  /**
   * Per table, its row count and every row, to show that a refused request changed nothing. The
   * keyspace is one server's alone and small, so reading it whole is fine.
   */
  public Map<String, String> contents() {
    Map<String, String> contents = new LinkedHashMap<>();
    for (String table : tables) {
      List<String> rows = cql().execute("SELECT * FROM " + table).all().stream()
          .map(Row::getFormattedContents).sorted().toList();
      contents.put(table, rows.size() + " rows: " + rows);
    }
    return contents;
  }

  /** Drops the keyspace, when the test opened a session on it and Cassandra is up, and closes the session. */
  @Override
  public synchronized void close() {
    if (cql == null) {
      return;
    }
    try {
      if (config.isKeyspaces() || cassandra.isRunning()) {
        cql.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + name)
            .setExecutionProfileName(CassandraDriverConfig.DDL));
      }
    } catch (AllNodesFailedException e) {
      // Cassandra was restarted by the test and this session has not reconnected yet: the keyspace,
      // named for this test alone, stays behind in devstack's data, which is dropped at exit.
    } finally {
      cql.close();
    }
  }
}
