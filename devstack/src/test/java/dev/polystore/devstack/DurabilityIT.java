package dev.polystore.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode's engines keep every acknowledged write across a crash; the test suites' do not need
 * to (the root pom sets {@code devstack.durable=false} for them). Both settings, on real engines or
 * the configuration they are started with.
 */
class DurabilityIT {
    private final String before = System.getProperty(Durability.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Durability.PROPERTY);
        } else {
            System.setProperty(Durability.PROPERTY, before);
        }
    }

    @Test
    void localModePostgresSyncsEveryCommit() throws SQLException {
        System.clearProperty(Durability.PROPERTY); // what the local launcher runs with
        try (LocalPostgres postgres = LocalPostgres.launch()) {
            assertEquals(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"), settings(postgres));
        }
    }

    @Test
    void theTestSuitesPostgresMayNot() throws SQLException {
        assertEquals("false", before, "the build runs tests with devstack.durable=false");
        assertEquals(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"),
            settings(Devstack.postgres()));
    }

    @Test
    void localModeCassandraSyncsItsCommitLogBeforeAcknowledging(@TempDir Path directory) throws IOException {
        System.clearProperty(Durability.PROPERTY);
        CassandraNodeFiles files = new CassandraNodeFiles(directory);
        files.write("127.0.0.1", 9042, 7000);
        String yaml = Files.readString(files.config());
        assertTrue(yaml.contains("\ncommitlog_sync: batch\n"), yaml);

        System.setProperty(Durability.PROPERTY, "false");
        files.write("127.0.0.1", 9042, 7000);
        assertTrue(Files.readString(files.config()).contains("\ncommitlog_sync: periodic\ncommitlog_sync_period: 10000ms\n"));
    }

    private static Map<String, String> settings(LocalPostgres postgres) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                    "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        }
        return settings;
    }
}
