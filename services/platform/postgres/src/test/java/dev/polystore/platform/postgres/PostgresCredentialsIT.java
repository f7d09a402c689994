package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials given apart from the URL log in for real: a password with the characters a URL
 * cannot carry plainly, and a password file whose rotation new connections follow.
 */
class PostgresCredentialsIT {
  private static final String HARD_PASSWORD = "p+a#s?s%w:o@r/d 1";

  private final LocalPostgres postgres = Devstack.postgres();
  private final String role = "creds_it_" + UUID.randomUUID().toString().replace("-", "");

  @TempDir
  Path directory;

  @AfterEach
  void dropRole() throws SQLException {
    admin("DROP ROLE IF EXISTS " + role);
  }

  @Test
  void aPasswordWithUrlCharactersLogsInFromItsOwnVariable() throws SQLException {
    createRole(HARD_PASSWORD);
    try (PostgresPools pools = new PostgresPools(PostgresConfig.fromEnv(new Env(Map.of(
        PostgresConfig.WRITER_CONN, urlWithoutCredentials(),
        PostgresCredentials.USER, role, PostgresCredentials.PASSWORD, HARD_PASSWORD)), "postgres"), "creds-it")) {
      assertEquals(role, currentUser(pools));
    }
  }

  @Test
  void newConnectionsLogInWithTheRotatedPasswordFromTheFile() throws Exception {
    Path file = directory.resolve("password");
    Files.writeString(file, "first-" + HARD_PASSWORD + "\n");
    createRole("first-" + HARD_PASSWORD);
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, urlWithoutCredentials(),
        PostgresCredentials.USER, role, PostgresCredentials.PASSWORD_FILE, file.toString())), "postgres");
    try (PostgresPools pools = new PostgresPools(config, "creds-it"); PostgresStore store = new PostgresStore("creds", pools)) {
      assertEquals(role, currentUser(pools));

      // The secret rotates: the role first, then the file, as Secrets Manager's rotation does.
      admin("ALTER ROLE " + role + " PASSWORD '" + "second-" + HARD_PASSWORD.replace("'", "''") + "'");
      Files.writeString(file, "second-" + HARD_PASSWORD + "\n");
      ((HikariDataSource) pools.writerDataSource()).getHikariPoolMXBean().softEvictConnections();

      assertEquals(role, currentUser(pools)); // on a new connection
      assertTrue(store.isReachable(), "the probe's new connection logs in too");
    }
  }

  private String urlWithoutCredentials() {
    return "postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres";
  }

  private static String currentUser(PostgresPools pools) {
    return pools.writer().withHandle(handle -> handle.select("SELECT current_user").mapTo(String.class).one());
  }

  private void createRole(String password) throws SQLException {
    try (Connection connection = adminConnection();
        PreparedStatement quote = connection.prepareStatement("SELECT quote_literal(?)")) {
      quote.setString(1, password);
      var literal = quote.executeQuery();
      literal.next();
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD " + literal.getString(1));
      }
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
