package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.config.Env;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh cluster without the service's database or login: migrating says what is missing and the
 * SQL that provides it (the supervisor logs that message on every retry), and that SQL works.
 */
class PostgresSetupIT {
  private final LocalPostgres postgres = Devstack.postgres();
  private final String suffix = UUID.randomUUID().toString().replace("-", "");
  private final String database = "setup_it_" + suffix;
  private final String role = "setup_it_role_" + suffix;

  @AfterEach
  void cleanUp() throws SQLException {
    postgres.dropDatabase(database);
    admin("DROP ROLE IF EXISTS " + role);
  }

  @Test
  void aMissingDatabaseIsNamedWithTheStatementThatCreatesIt() {
    RuntimeException failure = assertThrows(RuntimeException.class, () -> migrate("postgres", "postgres"));
    assertEquals("database \"" + database + "\" does not exist on 127.0.0.1:" + postgres.port()
        + "; as the cluster's master user run: CREATE DATABASE " + database + " OWNER postgres;", failure.getMessage());
  }

  @Test
  void aMissingRoleIsNamedWithTheStatementsThatCreateIt() {
    postgres.createDatabase(database);
    RuntimeException failure = assertThrows(RuntimeException.class, () -> migrate(role, "pw"));
    assertTrue(failure.getMessage().startsWith("role \"" + role + "\" cannot log in"), failure.getMessage());
    assertTrue(failure.getMessage().endsWith("CREATE ROLE " + role + " LOGIN PASSWORD '...'; then ALTER DATABASE "
        + database + " OWNER TO " + role + ";"), failure.getMessage());
  }

  @Test
  void aLoginThatDoesNotOwnTheDatabaseIsToldToOwnIt() throws SQLException {
    postgres.createDatabase(database); // owned by the master user, as Terraform's cluster creates it
    admin("CREATE ROLE " + role + " LOGIN PASSWORD 'pw'");

    RuntimeException failure = assertThrows(RuntimeException.class, () -> migrate(role, "pw"));
    assertTrue(failure.getMessage().endsWith("as the master user run: ALTER DATABASE " + database + " OWNER TO "
        + role + ";"), failure.getMessage());

    admin("ALTER DATABASE " + database + " OWNER TO " + role);
    migrate(role, "pw");
  }

  private void migrate(String user, String password) {
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(
        PostgresConfig.WRITER_CONN, "postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres",
        PostgresCredentials.USER, user, PostgresCredentials.PASSWORD, password,
        "DB_MIN_CONNECTIONS", "0", "DB_CONNECTION_TIMEOUT_MS", "2000")), database);
    try (PostgresStore store = new PostgresStore("setup_it", new PostgresPools(config, "setup-it"))) {
      store.migrate();
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(),
        postgres.password()); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
