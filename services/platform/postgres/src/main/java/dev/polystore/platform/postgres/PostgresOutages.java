package dev.polystore.platform.postgres;

import dev.polystore.platform.errors.OutageClassifier;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * PostgreSQL failures that mean "the database cannot be reached now", seen as UNAVAILABLE: those
 * of the JDBC pools, and those of the asynchronous client ({@link PostgresAsyncClient}).
 */
public final class PostgresOutages implements OutageClassifier {
  @Override
  public boolean isOutage(Throwable failure) {
    if (failure instanceof SQLTransientConnectionException || failure instanceof ConnectException
        || failure instanceof org.jdbi.v3.core.ConnectionException
        // The asynchronous client: a connection lost or closed, no connection in time, none opened;
        // a connection reset under a statement in flight reaches it bare (pgjdbc wraps it as 08006).
        || failure instanceof ClosedConnectionException || failure instanceof NoStackTraceTimeoutException
        || failure instanceof io.netty.channel.ConnectTimeoutException || failure instanceof SocketException
        || notSentOnAClosedConnection(failure)) {
      return true;
    }
    String state = sqlState(failure);
    // 08: connection exceptions; 57P01-03: shutdown or starting up; 53300: too many connections;
    // 25006: a read-only transaction on the writer, which is a failover under way (ReadOnlyWriter).
    // 57014: cancelled by statement_timeout, the database did not answer in time.
    return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")
        || state.equals(ReadOnlyWriter.READ_ONLY_TRANSACTION) || state.equals("57014"));
  }

  @Override
  public boolean provesNotRun(Throwable failure) {
    if (failure instanceof SQLTransientConnectionException || failure instanceof ConnectException
        || failure instanceof io.netty.channel.ConnectTimeoutException || notSentOnAClosedConnection(failure)) {
      return true; // the pool had no connection to give, none could be opened, or it was closed before sending
    }
    String state = sqlState(failure);
    // 08001/08004: could not connect or was refused; 57P03: not accepting connections; 53300: full;
    // 25006: a read-only transaction commits nothing.
    return state != null
        && List.of("08001", "08004", "57P03", "53300", ReadOnlyWriter.READ_ONLY_TRANSACTION).contains(state);
  }

  /**
   * The asynchronous client gave a statement to a pooled connection the server had just closed
   * (a failover, pg_terminate_backend) before the client noticed: Vert.x refuses it before sending
   * with a bare {@code VertxException} ({@code SocketConnectionBase.doSchedule}, vertx-sql-client
   * 5.0), whose message is the only thing that tells it apart.
   */
  private static boolean notSentOnAClosedConnection(Throwable failure) {
    return failure instanceof VertxException && failure.getMessage() != null
        && failure.getMessage().startsWith("Connection is not active now");
  }

  /** The SQLSTATE of a JDBC or of a Vert.x client failure, or null. */
  private static String sqlState(Throwable failure) {
    if (failure instanceof SQLException sql) {
      return sql.getSQLState();
    }
    return failure instanceof DatabaseException database ? database.getSqlState() : null;
  }
}
