package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.config.Env;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With POSTGRES_IAM_AUTH the pools log in with the token each new connection is given. A local
 * PostgreSQL cannot check an RDS token (RDS's rds_iam role hands the password check to IAM), so
 * the test plays that part: every token the credentials make is set as the role's password just
 * before the pool (or the asynchronous client) uses it. A login then succeeds only if the pool sent that very token, and the
 * count of tokens shows one was made per new connection.
 */
class PostgresIamAuthIT {
  private final LocalPostgres postgres = Devstack.postgres();
  private final String role = "iam_it_" + UUID.randomUUID().toString().replace("-", "");

  @AfterEach
  void dropRole() throws SQLException {
    admin("DROP ROLE IF EXISTS " + role);
  }

  @Test
  void eachNewConnectionLogsInWithAFreshToken() throws Exception {
    admin("CREATE ROLE " + role + " LOGIN");
    PostgresConfig iam = PostgresConfig.fromEnv(new Env(Map.of(
        PostgresConfig.WRITER_CONN, "postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres",
        RdsIamTokens.IAM_AUTH, "true", RdsIamTokens.REGION, "eu-west-1", PostgresCredentials.USER, role,
        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "local-only-secret",
        "DB_MIN_CONNECTIONS", "0")), "postgres");
    List<String> tokens = new CopyOnWriteArrayList<>();
    PostgresCredentials asRds = new PostgresCredentials(role, () -> {
      String token = iam.writerCredentials().password();
      setPassword(token);
      tokens.add(token);
      return token;
    });
    PostgresConfig config = new PostgresConfig(iam.database(), iam.writer(), iam.reader(), asRds, asRds,
        iam.maxConnections(), iam.minConnections(), iam.idleTimeout(), iam.connectionTimeout(),
        iam.statementTimeout(), iam.socketTimeout(), iam.allowPause());

    try (PostgresPools pools = new PostgresPools(config, "iam-it")) {
      assertEquals(role, currentUser(pools));
      int made = tokens.size();
      assertTrue(made >= 1, "the first connection's token");
      ((HikariDataSource) pools.writerDataSource()).getHikariPoolMXBean().softEvictConnections();

      assertEquals(role, currentUser(pools), "a new connection logs in with a new token");
      assertTrue(tokens.size() > made, "one more token for the new connection");
      tokens.forEach(token -> assertTrue(token.startsWith(postgres.host() + ":" + postgres.port() + "/?"), token));

      // The asynchronous client logs in the same way, with a token of their own.
      int beforeAsync = tokens.size();
      assertEquals(role, pools.async().select("SELECT current_user", Tuple.tuple(),
          rows -> rows.iterator().next().getString(0)).toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertTrue(tokens.size() > beforeAsync, "a token for the asynchronous client's connection");
    }
  }

  private static String currentUser(PostgresPools pools) {
    return pools.writer().withHandle(handle -> handle.select("SELECT current_user").mapTo(String.class).one());
  }

  /** A token is a URL with an encoded query: it holds no quote, so it is a literal as it is. */
  private void setPassword(String token) {
    if (token.contains("'")) {
      throw new IllegalStateException("not a token: " + token);
    }
    try {
      admin("ALTER ROLE " + role + " PASSWORD '" + token + "'");
    } catch (SQLException e) {
      throw new IllegalStateException("could not set the role's password", e);
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
  }
}
