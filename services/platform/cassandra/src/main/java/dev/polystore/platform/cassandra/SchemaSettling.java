package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits after DDL until the schema is usable. On Cassandra: until every node agrees on the schema
 * version and the statement's table ({@link DdlTarget}) is listed. On Amazon Keyspaces, where DDL
 * returns before it takes effect: until the keyspace exists, the statement's table is listed in
 * system_schema_mcs.tables (a new table may not be listed at first, and an absent table is not a
 * pending one) with TTL on when the statement turned it on, and every table of the keyspace is
 * ACTIVE.
 */
final class SchemaSettling {
  private static final Duration CASSANDRA_PATIENCE = Duration.ofSeconds(60);
  /** Keyspaces usually creates a table in seconds, but documents no bound. */
  private static final Duration KEYSPACES_PATIENCE = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(500);

  private SchemaSettling() {}

  /** {@code whileWaiting} runs on every poll (the migration lock renews itself there). */
  static void await(CqlSession session, CqlDialect dialect, String keyspace, ResultSet ddlResult,
      Optional<DdlTarget> target, Runnable whileWaiting) {
    if (dialect == CqlDialect.KEYSPACES) {
      awaitActive(session, keyspace, target, whileWaiting);
      return;
    }
    if (ddlResult == null || !ddlResult.getExecutionInfo().isSchemaInAgreement()) {
      awaitAgreement(session, whileWaiting);
    }
    if (target.isPresent()) {
      awaitListed(session, keyspace, target.get().table(), whileWaiting);
    }
  }

  private static void awaitListed(CqlSession session, String keyspace, String table, Runnable whileWaiting) {
    long deadline = System.nanoTime() + CASSANDRA_PATIENCE.toNanos();
    while (session.execute(SimpleStatement.newInstance(
        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?", keyspace, table))
        .one() == null) {
      if (System.nanoTime() > deadline) {
        throw new MigrationException("table " + keyspace + "." + table + " not listed within "
            + CASSANDRA_PATIENCE.toSeconds() + " s");
      }
      whileWaiting.run();
      Sleep.of(POLL);
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

  private static void awaitActive(CqlSession session, String keyspace, Optional<DdlTarget> target,
      Runnable whileWaiting) {
    long deadline = System.nanoTime() + KEYSPACES_PATIENCE.toNanos();
    while (true) {
      List<String> pending = pendingTables(session, keyspace, target);
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

  /**
   * "table (STATUS)" of every table that is not ACTIVE yet, the target while it is not listed or
   * its TTL not on yet; the keyspace itself while it is missing.
   */
  private static List<String> pendingTables(CqlSession session, String keyspace, Optional<DdlTarget> target) {
    List<String> pending = new ArrayList<>();
    if (session.execute(SimpleStatement.newInstance(
        "SELECT keyspace_name FROM system_schema_mcs.keyspaces WHERE keyspace_name = ?", keyspace)).one() == null) {
      pending.add("keyspace " + keyspace + " (CREATING)");
      return pending;
    }
    boolean listed = false;
    for (Row row : session.execute(SimpleStatement.newInstance(
        "SELECT table_name, status, custom_properties FROM system_schema_mcs.tables WHERE keyspace_name = ?",
        keyspace))) {
      String table = row.getString("table_name");
      if (!"ACTIVE".equals(row.getString("status"))) {
        pending.add(table + " (" + row.getString("status") + ")");
      }
      if (target.isPresent() && target.get().table().equals(table)) {
        listed = true;
        if (target.get().enablesTtl() && !ttlEnabled(row.getObject("custom_properties"))) {
          pending.add(table + " (TTL not enabled yet)");
        }
      }
    }
    if (target.isPresent() && !listed) {
      pending.add(target.get().table() + " (not listed yet)");
    }
    return pending;
  }

  /** custom_properties['ttl']['status'] == 'enabled', read without assuming the map's exact CQL type. */
  private static boolean ttlEnabled(Object customProperties) {
    return customProperties instanceof Map<?, ?> properties
        && properties.get("ttl") instanceof Map<?, ?> ttl
        && "enabled".equals(ttl.get("status"));
  }
}
