package dev.polystore.platform.cassandra;

import java.util.Optional;

/**
 * One statement of a CQL migration, without its terminating semicolon.
 *
 * @param cql the statement as sent to the store
 * @param only the one engine it runs on, from a leading {@code -- cassandra only} or
 *     {@code -- keyspaces only} comment; empty when it runs on both
 */
public record CqlStatement(String cql, Optional<CqlDialect> only) {
  public boolean runsOn(CqlDialect dialect) {
    return only.isEmpty() || only.get() == dialect;
  }
}
