package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits after DDL until the schema is usable. On Cassandra: until every node agrees on the schema
 * version. On Amazon Keyspaces, where DDL returns before it takes effect: until the keyspace
 * exists and every table of it is ACTIVE in system_schema_mcs.tables.
 */
final class SchemaSettling {
  private static final Duration CASSANDRA_PATIENCE = Duration.ofSeconds(60);
  /** Keyspaces usually creates a table in seconds, but documents no bound. */
  private static final Duration KEYSPACES_PATIENCE = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(500);

  private SchemaSettling() {}

  /** {@code whileWaiting} runs on every poll (the migration lock renews itself there). */
  static void await(CqlSession session, CqlDialect dialect, String keyspace, ResultSet ddlResult,
      Runnable whileWaiting) {
    if (dialect == CqlDialect.KEYSPACES) {
      awaitActive(session, keyspace, whileWaiting);
    } else if (ddlResult == null || !ddlResult.getExecutionInfo().isSchemaInAgreement()) {
      awaitAgreement(session, whileWaiting);
    }
  }

  private static void awaitAgreement(CqlSession session, Runnable whileWaiting) {
    long deadline = System.nanoTime() + CASSANDRA_PATIENCE.toNanos();
    while (!session.checkSchemaAgreement()) {
      if (System.nanoTime() > deadline) {
        throw new MigrationException("the Cassandra nodes did not agree on the schema within "
            + CASSANDRA_PATIENCE.toSeconds() + " s");
      }
      whileWaiting.run();
      Sleep.of(POLL);
    }
  }

  private static void awaitActive(CqlSession session, String keyspace, Runnable whileWaiting) {
    long deadline = System.nanoTime() + KEYSPACES_PATIENCE.toNanos();
    while (true) {
      List<String> pending = pendingTables(session, keyspace);
      if (pending.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new MigrationException("Amazon Keyspaces tables of " + keyspace + " not ACTIVE within "
            + KEYSPACES_PATIENCE.toMinutes() + " min: " + pending);
      }
      whileWaiting.run();
      Sleep.of(POLL);
    }
  }

  /** "table (STATUS)" of every table that is not ACTIVE yet; the keyspace itself while it is missing. */
  private static List<String> pendingTables(CqlSession session, String keyspace) {
    List<String> pending = new ArrayList<>();
    if (session.execute(SimpleStatement.newInstance(
        "SELECT keyspace_name FROM system_schema_mcs.keyspaces WHERE keyspace_name = ?", keyspace)).one() == null) {
      pending.add("keyspace " + keyspace + " (CREATING)");
      return pending;
    }
    for (Row row : session.execute(SimpleStatement.newInstance(
        "SELECT table_name, status FROM system_schema_mcs.tables WHERE keyspace_name = ?", keyspace))) {
      if (!"ACTIVE".equals(row.getString("status"))) {
        pending.add(row.getString("table_name") + " (" + row.getString("status") + ")");
      }
    }
    return pending;
  }
}
