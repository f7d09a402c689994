package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.polystore.platform.telemetry.StoreCall;
import dev.polystore.platform.telemetry.StoreOperations;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;

/**
 * The observation of one CQL store call, retries included: its span (a child of the RPC's) and the
 * timer {@code db.client.operation}, named and tagged as the PostgreSQL binding's statements are
 * (db.system.name=cassandra, db.namespace=the keyspace, db.operation.name=SELECT|INSERT|...|BATCH).
 * Our own: the driver's RequestTracker is told only when a request ended, not when it started, and
 * OpenTelemetry's Cassandra instrumentation reports to an OpenTelemetry SDK, not to the observation
 * registry the gateway's meters, spans and switches hang on.
 */
final class CqlObservation {
  private CqlObservation() {}

  /**
   * Started now, as a child of the current observation (the RPC's, on a handler thread); none for
   * statements not run for a call ({@link Telemetry#observingCall}).
   */
  static Observation start(CqlSession session, Statement<?> statement) {
    if (!Telemetry.observingCall()) {
      return Observation.NOOP;
    }
    String operation = operation(statement);
    String keyspace = session.getKeyspace().map(CqlIdentifier::asInternal).orElse("");
    return new StoreCall("db.client.operation", operation + " " + keyspace, KeyValues.of(
            "db.system.name", "cassandra",
            "db.namespace", keyspace,
            "db.operation.name", operation))
        .observation().start();
  }

  private static String operation(Statement<?> statement) {
    if (statement instanceof BatchStatement) {
      return "BATCH";
    }
    String cql = statement instanceof BoundStatement bound ? bound.getPreparedStatement().getQuery()
        : statement instanceof SimpleStatement simple ? simple.getQuery() : null;
    return StoreOperations.firstKeyword(cql, "CQL");
  }
}
