package dev.polystore.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against the real server that {@link Devstack#postgres()} starts, shared by every test of this JVM. */
class LocalPostgresIT {

    private final LocalPostgres postgres = Devstack.postgres();

    @Test
    void createsOneDatabasePerService() throws SQLException {
        List<String> databases = new ArrayList<>();
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                databases.add(rows.getString(1));
            }
        }
        assertTrue(databases.containsAll(LocalPostgres.SERVICE_DATABASES), () -> "databases: " + databases);
    }

    @Test
    void keepsDataAndPortAcrossStopAndStart() throws SQLException {
        postgres.dropDatabase("restart_it");
        postgres.createDatabase("restart_it");
        try (Connection connection = connect("restart_it"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (name text PRIMARY KEY)");
            statement.execute("INSERT INTO survivor VALUES ('still here')");
        }
        int port = postgres.port();

        postgres.stop();
        assertFalse(postgres.isRunning());
        postgres.start();

        assertTrue(postgres.isRunning());
        assertEquals(port, postgres.port());
        try (Connection connection = connect("restart_it");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM survivor")) {
            assertTrue(rows.next());
            assertEquals("still here", rows.getString(1));
        }
    }

    @Test
    void refusesConnectionsWhileStopped() {
        postgres.stop();
        try {
            assertThrows(SQLException.class, () -> connect("postgres").close());
        } finally {
            postgres.start();
        }
    }

    @Test
    void refusesAWrongPassword() {
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), "wrong").close());
        assertEquals("28P01", refused.getSQLState()); // invalid_password
    }

    @Test
    void createsAndDropsDatabasesIdempotently() throws SQLException {
        postgres.createDatabase("fresh_it");
        postgres.createDatabase("fresh_it");
        try (Connection open = connect("fresh_it")) {
            postgres.dropDatabase("fresh_it"); // terminates the open connection first
            assertFalse(open.isValid(1));
        }
        postgres.dropDatabase("fresh_it");
        assertThrows(SQLException.class, () -> connect("fresh_it").close());
    }

    @Test
    void envHoldsAWriterConnectionThatWorks() throws SQLException {
        String conn = Devstack.env().get("POSTGRES_WRITER_CONN");
        assertEquals(postgres.connectionUrl(), conn);

        // What a service does with it: libpq URL to host, port, database and credentials.
        URI uri = URI.create(conn);
        String[] credentials = uri.getUserInfo().split(":", 2);
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials[0], credentials[1]);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database(), current_user")) {
            assertTrue(rows.next());
            assertEquals("postgres", rows.getString(1));
            assertEquals(postgres.user(), rows.getString(2));
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }
}
