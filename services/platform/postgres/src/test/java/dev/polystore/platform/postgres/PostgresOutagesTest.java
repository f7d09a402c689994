package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class PostgresOutagesTest {
  private final PostgresOutages outages = new PostgresOutages();

  @Test
  void lostConnectionsShutdownsAndFullServersAreOutages() {
    assertTrue(outages.isOutage(new SQLException("connection refused", "08001")));
    assertTrue(outages.isOutage(new SQLException("terminating connection", "57P01")));
    assertTrue(outages.isOutage(new SQLException("too many connections", "53300")));
    assertTrue(outages.isOutage(new SQLTransientConnectionException("pool timed out")));
    assertTrue(outages.isOutage(new ConnectException("refused")));
  }

  @Test
  void theAsynchronousClientsLostConnectionsAreOutagesThatMayHaveRun() {
    SocketException reset = new SocketException("Connection reset");
    assertTrue(outages.isOutage(reset));
    assertFalse(outages.provesNotRun(reset));
    assertTrue(outages.isOutage(ClosedConnectionException.INSTANCE));
    assertFalse(outages.provesNotRun(ClosedConnectionException.INSTANCE));
    assertTrue(outages.isOutage(new PgException("cannot execute INSERT in a read-only transaction", "ERROR", "25006", null)));
    assertTrue(outages.provesNotRun(new PgException("cannot execute INSERT in a read-only transaction", "ERROR", "25006", null)));
  }

  @Test
  void aStatementRefusedByAConnectionTheServerClosedIsAnOutageThatDidNotRun() {
    // As vertx-sql-client 5.0 fails a statement given to a pooled connection that is already closed.
    VertxException closed = VertxException.noStackTrace("Connection is not active now, current status: CLOSED");
    assertTrue(outages.isOutage(closed));
    assertTrue(outages.provesNotRun(closed));
    assertFalse(outages.isOutage(VertxException.noStackTrace("something else")));
  }

  @Test
  void aReadOnlyWriterIsAFailoverAndCommittedNothing() {
    SQLException readOnly = new SQLException("cannot execute INSERT in a read-only transaction", "25006");
    assertTrue(outages.isOutage(readOnly));
    assertTrue(outages.provesNotRun(readOnly));
  }

  @Test
  void aStatementCancelledByStatementTimeoutIsAnOutageThatMayHaveRun() {
    SQLException cancelled = new SQLException("canceling statement due to statement timeout", "57014");
    assertTrue(outages.isOutage(cancelled));
    assertFalse(outages.provesNotRun(cancelled));
  }

  @Test
  void constraintAndSyntaxErrorsAreNot() {
    assertFalse(outages.isOutage(new SQLException("duplicate key", "23505")));
    assertFalse(outages.isOutage(new SQLException("syntax error", "42601")));
    assertFalse(outages.isOutage(new SQLException("no state")));
  }

  @Test
  void onlyFailuresBeforeTheStatementProveItDidNotRun() {
    assertTrue(outages.provesNotRun(new SQLTransientConnectionException("pool timed out")));
    assertTrue(outages.provesNotRun(new SQLException("connection refused", "08001")));
    assertTrue(outages.provesNotRun(new SQLException("the database system is starting up", "57P03")));
    assertFalse(outages.provesNotRun(new SQLException("connection lost mid-statement", "08006")));
    assertFalse(outages.provesNotRun(new SQLException("terminating connection", "57P01")));
  }
}
