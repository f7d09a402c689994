package dev.polystore.platform.postgres;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.util.Optional;

/**
 * One service's PostgreSQL settings, read once at start-up (DESIGN.md, Configuration).
 *
 * @param database the service's own database on the server
 * @param writerCredentials how the writer pool logs in; likewise {@code readerCredentials}
 * @param statementTimeout the server cancels a statement running longer (PostgreSQL's
 *     {@code statement_timeout}); zero for none
 * @param socketTimeout the driver gives up on a server that sends nothing for this long (pgjdbc's
 *     {@code socketTimeout}), so a frozen or vanished instance cannot hold a thread and a
 *     connection for good; longer than the statement timeout, so that a slow statement is
 *     cancelled by the server first and its connection stays usable
 */
public record PostgresConfig(
    String database,
    PostgresEndpoint writer,
    PostgresEndpoint reader,
    PostgresCredentials writerCredentials,
    PostgresCredentials readerCredentials,
    int maxConnections,
    int minConnections,
    Duration idleTimeout,
    Duration connectionTimeout,
    Duration statementTimeout,
    Duration socketTimeout,
    boolean allowPause) {

  public static final String WRITER_CONN = "POSTGRES_WRITER_CONN";
  public static final String READER_CONN = "POSTGRES_READER_CONN";
  public static final String STATEMENT_TIMEOUT = "DB_STATEMENT_TIMEOUT_MS";
  public static final String SOCKET_TIMEOUT = "DB_SOCKET_TIMEOUT_SECONDS";
  public static final String ALLOW_PAUSE = "DB_ALLOW_PAUSE";

  public PostgresConfig {
    if (allowPause && minConnections > 0) {
      throw new ConfigException("DB_MIN_CONNECTIONS", "must be 0 with " + ALLOW_PAUSE + "=true (an idle connection"
          + " keeps the instance from pausing), was " + minConnections);
    }
    if (!socketTimeout.isZero() && socketTimeout.compareTo(statementTimeout) <= 0) {
      throw new ConfigException(SOCKET_TIMEOUT, "must be longer than " + STATEMENT_TIMEOUT + " ("
          + statementTimeout.toMillis() + " ms) or 0, was " + socketTimeout.toSeconds());
    }
  }

  public static PostgresConfig fromEnv(Env env, String database) {
    PostgresEndpoint writer = PostgresEndpoint.parse(WRITER_CONN, env.required(WRITER_CONN));
    PostgresEndpoint reader = env.optional(READER_CONN)
        .map(value -> PostgresEndpoint.parse(READER_CONN, value))
        .orElse(writer);
    // IAM tokens are signed for each endpoint's own host; else the variables, when set, are the
    // credentials for both; else each URL's own.
    Optional<RdsIamTokens> iam = env.bool(RdsIamTokens.IAM_AUTH, false)
        ? Optional.of(RdsIamTokens.fromEnv(env)) : Optional.empty();
    var shared = iam.isPresent() ? Optional.<PostgresCredentials>empty() : PostgresCredentials.fromEnv(env, writer);
    int max = env.integer("DB_MAX_CONNECTIONS", 20, 1, 1000);
    boolean allowPause = env.bool(ALLOW_PAUSE, false);
    int min = env.integer("DB_MIN_CONNECTIONS", allowPause ? 0 : 5, 0, max);
    return new PostgresConfig(database, writer, reader,
        credentials(env, writer, iam, shared), credentials(env, reader, iam, shared),
        max, min,
        Duration.ofMillis(env.integer("DB_IDLE_TIMEOUT_MS", 30_000, 10_000, Integer.MAX_VALUE)),
        Duration.ofMillis(env.integer("DB_CONNECTION_TIMEOUT_MS", 20_000, 250, Integer.MAX_VALUE)),
        Duration.ofMillis(env.integer(STATEMENT_TIMEOUT, 10_000, 0, Integer.MAX_VALUE)),
        // pgjdbc counts its socket timeout in whole seconds.
        Duration.ofSeconds(env.integer(SOCKET_TIMEOUT, 15, 0, 86_400)),
        allowPause);
  }

  private static PostgresCredentials credentials(Env env, PostgresEndpoint endpoint, Optional<RdsIamTokens> iam,
      Optional<PostgresCredentials> shared) {
    if (iam.isPresent()) {
      return PostgresCredentials.iam(env, endpoint, iam.get());
    }
    return shared.orElseGet(() -> PostgresCredentials.of(endpoint));
  }

  public boolean hasSeparateReader() {
    return !reader.equals(writer);
  }
}
