package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.config.Env;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With DB_ALLOW_PAUSE (Aurora Serverless v2 at 0 ACUs), an idle service leaves no connection open,
 * not even the health probe's, so the instance may pause; the next call connects again.
 */
class PostgresPauseIT {
  private final LocalPostgres postgres = Devstack.postgres();
  private final String database = "pause_it_" + UUID.randomUUID().toString().replace("-", "");

  @BeforeEach
  void createDatabase() {
    // HikariCP retires idle connections on its housekeeping round, every 30 s unless told otherwise.
    System.setProperty("com.zaxxer.hikari.housekeeping.periodMs", "500");
    postgres.createDatabase(database);
  }

  @AfterEach
  void dropDatabase() {
    System.clearProperty("com.zaxxer.hikari.housekeeping.periodMs");
    postgres.dropDatabase(database);
  }

  @Test
  void anIdleServiceKeepsNoConnectionOpenAndConnectsAgainOnTheNextCall() throws Exception {
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, postgres.connectionUrl(),
        PostgresConfig.ALLOW_PAUSE, "true", "DB_IDLE_TIMEOUT_MS", "10000")), database);
    try (PostgresPools pools = new PostgresPools(config, "pause-it"); PostgresStore store = new PostgresStore("setup_it", pools)) {
      store.migrate();
      assertTrue(store.isReachable());

      for (int wait = 0; wait < 600 && !pools.isEmpty(); wait++) {
        Thread.sleep(100);
      }
      assertTrue(pools.isEmpty(), "the pool kept connections while idle");
      for (int probe = 0; probe < 3; probe++) {
        assertTrue(store.isReachable(), "an idle service stays SERVING");
      }
      assertEquals(0, connectionsTo(database), "a connection stayed open while idle");

      assertEquals(Integer.valueOf(0), pools.writer().withHandle(handle -> handle.select("SELECT count(*) FROM things")
          .mapTo(Integer.class).one()));
    }
  }

  private int connectionsTo(String name) throws SQLException {
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(),
        postgres.password()); PreparedStatement count = connection.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
      count.setString(1, name);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
