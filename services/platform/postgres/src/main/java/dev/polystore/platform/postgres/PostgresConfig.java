package dev.polystore.platform.postgres;

import dev.polystore.platform.config.Env;
import java.time.Duration;

/**
 * One service's PostgreSQL settings, read once at start-up (DESIGN.md, Configuration).
 *
 * @param database the service's own database on the server
 */
public record PostgresConfig(
    String database,
    PostgresEndpoint writer,
    PostgresEndpoint reader,
    int maxConnections,
    int minConnections,
    Duration idleTimeout,
    Duration connectionTimeout) {

  public static final String WRITER_CONN = "POSTGRES_WRITER_CONN";
  public static final String READER_CONN = "POSTGRES_READER_CONN";

  public static PostgresConfig fromEnv(Env env, String database) {
    PostgresEndpoint writer = PostgresEndpoint.parse(WRITER_CONN, env.required(WRITER_CONN));
    PostgresEndpoint reader = env.optional(READER_CONN)
        .map(value -> PostgresEndpoint.parse(READER_CONN, value))
        .orElse(writer);
    int max = env.integer("DB_MAX_CONNECTIONS", 20, 1, 1000);
    int min = env.integer("DB_MIN_CONNECTIONS", 5, 0, max);
    return new PostgresConfig(database, writer, reader, max, min,
        Duration.ofMillis(env.integer("DB_IDLE_TIMEOUT_MS", 30_000, 10_000, Integer.MAX_VALUE)),
        Duration.ofMillis(env.integer("DB_CONNECTION_TIMEOUT_MS", 20_000, 250, Integer.MAX_VALUE)));
  }

  public boolean hasSeparateReader() {
    return !reader.equals(writer);
  }
}
