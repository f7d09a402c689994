package dev.polystore.platform.postgres;

import dev.polystore.platform.telemetry.StoreCall;
import dev.polystore.platform.telemetry.StoreOperations;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One observation per SQL statement run for a call ({@link Telemetry#observingCall}), through
 * Jdbi's own hook around execution: the store call's
 * span (a child of the RPC's) and the timer {@code db.client.operation}, named and tagged after
 * OpenTelemetry's database conventions. The statement's text and its values are not recorded: the
 * operation (SELECT, INSERT, ...) and the database name say which store call it was.
 */
final class StatementObservations implements SqlLogger {
  private final String database;
  /** Statements run on the calling thread between before and after; keyed by the statement. */
  private final Map<StatementContext, Observation> running = new ConcurrentHashMap<>();
  /** Names and key values per operation (a handful), made once: a statement runs per call. */
  private final Map<String, StoreCall> operations = new ConcurrentHashMap<>();

  StatementObservations(String database) {
    this.database = database;
  }

  @Override
  public void logBeforeExecution(StatementContext context) {
    if (!Telemetry.observingCall()) {
      return;
    }
    StoreCall call = operations.computeIfAbsent(operation(context), operation -> storeCall(database, operation));
    running.put(context, call.observation().start());
  }

  @Override
  public void logAfterExecution(StatementContext context) {
    Observation observation = running.remove(context);
    if (observation != null) {
      observation.stop();
    }
  }

  @Override
  public void logException(StatementContext context, SQLException ex) {
    Observation observation = running.remove(context);
    if (observation != null) {
      observation.error(ex);
      observation.stop();
    }
  }

  /** A SQL operation on {@code database}, as both the pools' statements and the asynchronous client report it. */
  static StoreCall storeCall(String database, String operation) {
    return new StoreCall("db.client.operation", operation + " " + database, KeyValues.of(
        "db.system.name", "postgresql",
        "db.namespace", database,
        "db.operation.name", operation));
  }

  /** The statement's first keyword, from the SQL as written (placeholders, never values). */
  private static String operation(StatementContext context) {
    return StoreOperations.firstKeyword(context.getRawSql(), "SQL");
  }
}
