package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.Freezable;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.config.Env;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A statement that runs too long is cancelled by the server, and a frozen server (SIGSTOP: its
 * sockets stay open and say nothing) gives back every thread and connection: the guard answering
 * the caller is not enough if the thread stays stuck in a socket read. The PostgreSQL is
 * devstack's, shared by this JVM's test classes, which failsafe runs one after another.
 */
class PostgresTimeoutsIT {
  /** Far beyond any timeout configured here: reaching it means a thread did not come back. */
  private static final long STUCK_SECONDS = 90;

  private final LocalPostgres postgres = Devstack.postgres();
  private final String database = "timeouts_it_" + UUID.randomUUID().toString().replace("-", "");
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private PostgresPools pools;

  @BeforeEach
  void createDatabase() {
    postgres.createDatabase(database);
    pools = new PostgresPools(PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, postgres.connectionUrl(),
        "DB_MAX_CONNECTIONS", "4", "DB_MIN_CONNECTIONS", "0", "DB_CONNECTION_TIMEOUT_MS", "3000",
        PostgresConfig.STATEMENT_TIMEOUT, "1000", PostgresConfig.SOCKET_TIMEOUT, "3")), database), "timeouts-it");
  }

  @AfterEach
  void dropDatabase() {
    callers.shutdownNow();
    pools.close();
    postgres.dropDatabase(database);
  }

  @Test
  void theServerCancelsAStatementWaitingLongerThanTheStatementTimeout() throws Exception {
    try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
        Statement statement = holder.createStatement()) {
      statement.execute("CREATE TABLE t (id int PRIMARY KEY)");
      statement.execute("INSERT INTO t VALUES (1)");
      holder.setAutoCommit(false);
      statement.execute("SELECT * FROM t FOR UPDATE"); // held until the test ends

      Future<Integer> blocked = callers.submit(() -> pools.writer().withHandle(
          handle -> handle.createUpdate("UPDATE t SET id = 2 WHERE id = 1").execute()));

      SQLException failure = sqlCause(assertThrows(ExecutionException.class,
          () -> blocked.get(STUCK_SECONDS, TimeUnit.SECONDS)));
      assertEquals("57014", failure.getSQLState(), failure.getMessage()); // query_canceled
      holder.rollback();
    }
  }

  @Test
  void aFrozenServerGivesBackEveryThreadAndConnection() throws Exception {
    Jdbi writer = pools.writer();
    writer.withHandle(handle -> handle.select("SELECT 1").mapTo(Integer.class).one()); // a pooled connection
    Freezable processes = postgres.processes();
    List<Future<Integer>> calls = new ArrayList<>();
    try {
      processes.freeze();
      for (int i = 0; i < 3; i++) {
        calls.add(callers.submit(() -> writer.withHandle(handle -> handle.select("SELECT 1").mapTo(Integer.class).one())));
      }
      for (Future<Integer> call : calls) {
        // Still frozen: each thread comes back on its own, failing.
        assertThrows(ExecutionException.class, () -> call.get(STUCK_SECONDS, TimeUnit.SECONDS));
      }
      HikariDataSource pool = (HikariDataSource) pools.writerDataSource();
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "connections still lent out");
    } finally {
      processes.thaw();
    }
    assertEquals(Integer.valueOf(1), writer.withHandle(handle -> handle.select("SELECT 1").mapTo(Integer.class).one()));
  }

  private static SQLException sqlCause(Throwable failure) {
    Throwable cause = failure;
    while (cause != null && !(cause instanceof SQLException)) {
      cause = cause.getCause();
    }
    return assertInstanceOf(SQLException.class, cause, () -> "no SQLException under " + failure);
  }
}
