package dev.polystore.devstack;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Superuser chores on a running server, over JDBC to its "postgres" database. */
final class PostgresAdmin {

    /** PostgreSQL's NAMEDATALEN - 1: longer names would be cut silently and then not found. */
    private static final int MAX_NAME_BYTES = 63;
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String INVALID_PASSWORD = "28P01";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    PostgresAdmin(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    void createDatabase(String name) {
        String quoted = quoted(name);
        try (Connection connection = connect()) {
            // Checked first so that the server log does not show an ERROR for the common case.
            if (databaseExists(connection, name)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + quoted);
            }
        } catch (SQLException e) {
            if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                return; // another caller created it in between: the outcome asked for
            }
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    void dropDatabase(String name) {
        // WITH (FORCE) terminates the database's connections first, which a plain DROP would wait on in vain.
        execute("DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)", "could not drop database " + name);
    }

    void setPassword(String role, String newPassword) {
        // ALTER ROLE takes no bind parameters; the literal is quoted by doubling single quotes.
        execute("ALTER ROLE " + quoted(role) + " PASSWORD '" + newPassword.replace("'", "''") + "'",
                "could not set the password of " + role);
    }

    /** Makes the postmaster re-read postgresql.conf and pg_hba.conf; it does so asynchronously. */
    void reloadConfiguration() {
        execute("SELECT pg_reload_conf()", "could not reload the configuration");
    }

    /** Whether the server lets the admin user in with this password; false when it refuses the password. */
    boolean acceptsPassword(String candidate) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, user, candidate)) {
            return true;
        } catch (SQLException e) {
            if (INVALID_PASSWORD.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("could not reach PostgreSQL at " + jdbcUrl, e);
        }
    }

    private void execute(String sql, String failure) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(failure, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private static boolean databaseExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A double-quoted SQL identifier, so that any name is taken literally and nothing can be injected. */
    private static String quoted(String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a PostgreSQL name has 1 to " + MAX_NAME_BYTES + " bytes: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
