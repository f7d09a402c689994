package dev.polystore.platform.postgres;

import dev.polystore.platform.errors.ServiceException;
import io.vertx.pgclient.PgException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns PostgreSQL's unique_violation on a known constraint into ALREADY_EXISTS. Where a domain
 * checks uniqueness before it writes (to tell apart the repeat of an idempotent write), this covers
 * the race in which another write came in between; users' emails rely on it alone.
 */
public final class UniqueViolation {
  private static final String SQL_STATE = "23505";

  private UniqueViolation() {}

  /** The conflict when {@code failure} violated {@code constraint}, else the failure itself. */
  public static RuntimeException translate(JdbiException failure, String constraint, Supplier<ServiceException> conflict) {
    return violated(failure, constraint) ? conflict.get() : failure;
  }

  /** As {@link #translate}, for a failure of the asynchronous client ({@link PostgresAsyncClient}). */
  public static Throwable translateAsync(Throwable failure, String constraint, Supplier<ServiceException> conflict) {
    return violated(failure, constraint) ? conflict.get() : failure;
  }

  private static boolean violated(Throwable failure, String constraint) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PSQLException psql && SQL_STATE.equals(psql.getSQLState())) {
        ServerErrorMessage server = psql.getServerErrorMessage();
        if (server != null && constraint.equals(server.getConstraint())) {
          return true;
        }
      }
      if (t instanceof PgException pg && SQL_STATE.equals(pg.getSqlState()) && constraint.equals(pg.getConstraint())) {
        return true;
      }
    }
    return false;
  }
}
