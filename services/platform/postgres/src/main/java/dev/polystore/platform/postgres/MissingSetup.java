package dev.polystore.platform.postgres;

import java.sql.SQLException;
import java.util.Optional;

/**
 * What a fresh cluster lacks, said plainly with the SQL that provides it, for the failures a service
 * meets when its database or login was never set up (the supervisor logs it on every retry). The
 * services do not create either themselves: they connect with their own, unprivileged login
 * (docs/deploy.md, "PostgreSQL logins").
 */
final class MissingSetup extends RuntimeException {
  private MissingSetup(String message, Throwable cause) {
    super(message, cause);
  }

  /** The advice for {@code failure}, or empty when it is not a set-up failure. */
  static Optional<MissingSetup> of(Throwable failure, PostgresConfig config) {
    SQLException sql = sqlCause(failure);
    if (sql == null || sql.getSQLState() == null) {
      return Optional.empty();
    }
    String database = config.database();
    String user = config.writerCredentials().user();
    String server = config.writer().host() + ":" + config.writer().port();
    String advice = switch (sql.getSQLState()) {
      case "3D000" -> "database \"" + database + "\" does not exist on " + server + "; as the cluster's master user run: "
          + "CREATE DATABASE " + database + " OWNER " + user + ";";
      // PostgreSQL answers a role that does not exist like a wrong password, so as not to tell which.
      case "28000", "28P01" -> "role \"" + user + "\" cannot log in to " + server + " (" + sql.getMessage() + "): either"
          + " the password set (POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE or the URL) is not the role's, or the role"
          + " does not exist; as the master user run: CREATE ROLE " + user + " LOGIN PASSWORD '...'; then ALTER DATABASE "
          + database + " OWNER TO " + user + ";";
      // Since PostgreSQL 15 only the database owner (pg_database_owner) may create in schema public.
      case "42501" -> "role \"" + user + "\" may not create the schema of database \"" + database + "\" ("
          + sql.getMessage() + "); as the master user run: ALTER DATABASE " + database + " OWNER TO " + user + ";";
      default -> null;
    };
    return Optional.ofNullable(advice).map(message -> new MissingSetup(message, failure));
  }

  private static SQLException sqlCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
