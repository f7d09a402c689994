package dev.polystore.platform.cassandra;

/**
 * The two engines a CQL migration runs on. They differ where it matters to migrations: how a
 * keyspace is replicated, how TTL is switched on, and how to tell that DDL has taken effect.
 */
public enum CqlDialect {
  /** Apache Cassandra: DDL takes effect once the nodes agree on the schema. */
  CASSANDRA,
  /**
   * Amazon Keyspaces: DDL is asynchronous (a table is usable when system_schema_mcs.tables says
   * ACTIVE), and a table takes TTLs only after {@code custom_properties} enables them.
   */
  KEYSPACES;

  /** The marker a migration statement's leading comment carries to run on this engine only. */
  String marker() {
    return name().toLowerCase() + " only";
  }
}
