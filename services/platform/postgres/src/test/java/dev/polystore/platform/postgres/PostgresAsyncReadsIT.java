package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.Freezable;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.errors.Failures;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous reads on devstack's PostgreSQL: rows, the session the pools' connections get
 * (statement timeout, application name), the reader for reads that may lag, many reads in flight on two connections, and a frozen
 * server: each read fails as an outage within the socket timeout, and the reads work again once the
 * server thaws, with nothing restarted.
 */
class PostgresAsyncReadsIT {
  /** Far beyond any timeout configured here: reaching it means a read never came back. */
  private static final long STUCK_SECONDS = 60;

  private final LocalPostgres postgres = Devstack.postgres();
  private final String database = "async_reads_it_" + UUID.randomUUID().toString().replace("-", "");
  private PostgresPools pools;
  private PostgresAsyncReads reads;

  @BeforeEach
  void createDatabase() {
    postgres.createDatabase(database);
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, postgres.connectionUrl(),
        "DB_MIN_CONNECTIONS", "0", "DB_CONNECTION_TIMEOUT_MS", "3000",
        PostgresConfig.STATEMENT_TIMEOUT, "1000", PostgresConfig.SOCKET_TIMEOUT, "3")), database);
    pools = new PostgresPools(config, "async-it");
    pools.writer().useHandle(handle -> handle.execute("CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL)"));
    pools.writer().useHandle(handle -> handle.execute("INSERT INTO t SELECT i, 'n' || i FROM generate_series(1, 100) i"));
    reads = new PostgresAsyncReads(config, "async-it");
  }

  @AfterEach
  void dropDatabase() {
    reads.close();
    pools.close();
    postgres.dropDatabase(database);
  }

  @Test
  void readsRowsInTheSessionThePoolsConnectionsGet() throws Exception {
    assertEquals("n7", name(7).get(STUCK_SECONDS, TimeUnit.SECONDS));
    assertEquals(0, reads.select("SELECT name FROM t WHERE id = $1", Tuple.of(1000), rows -> rows.size())
        .toCompletableFuture().get(STUCK_SECONDS, TimeUnit.SECONDS));
    assertEquals("1s", setting("statement_timeout"));
    assertEquals("async-it-async-writer", setting("application_name"));
  }

  @Test
  void readsThatMayLagGoToTheReader() throws Exception {
    // The same server under another host name is a separate reader as far as the settings go.
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, postgres.connectionUrl(),
        PostgresConfig.READER_CONN, postgres.connectionUrl().replace("@127.0.0.1:", "@localhost:"))), database);
    try (PostgresAsyncReads split = new PostgresAsyncReads(config, "split-it")) {
      assertEquals("split-it-async-reader", split.selectMayLag("SELECT current_setting('application_name')",
          Tuple.tuple(), rows -> rows.iterator().next().getString(0)).toCompletableFuture().get(STUCK_SECONDS, TimeUnit.SECONDS));
      assertEquals("split-it-async-writer", split.select("SELECT current_setting('application_name')",
          Tuple.tuple(), rows -> rows.iterator().next().getString(0)).toCompletableFuture().get(STUCK_SECONDS, TimeUnit.SECONDS));
    }
  }

  @Test
  void manyReadsInFlightAllGetTheirOwnRow() throws Exception {
    List<CompletableFuture<String>> inFlight = IntStream.rangeClosed(1, 100).mapToObj(this::name).toList();
    for (int id = 1; id <= 100; id++) {
      assertEquals("n" + id, inFlight.get(id - 1).get(STUCK_SECONDS, TimeUnit.SECONDS));
    }
  }

  @Test
  void refusesAnythingButASelect() {
    assertThrows(IllegalArgumentException.class,
        () -> reads.select("UPDATE t SET name = 'x' WHERE id = $1", Tuple.of(1), rows -> rows.rowCount()));
  }

  @Test
  void aFrozenServerFailsEachReadAsAnOutageAndTheReadsRecoverWhenItThaws() throws Exception {
    assertEquals("n1", name(1).get(STUCK_SECONDS, TimeUnit.SECONDS)); // a connection is open
    Freezable processes = postgres.processes();
    try {
      processes.freeze();
      CompletableFuture<String> frozen = name(2);
      ExecutionException failure = assertThrows(ExecutionException.class, () -> frozen.get(STUCK_SECONDS, TimeUnit.SECONDS));
      assertTrue(new PostgresOutages().isOutage(Failures.unwrapped(failure)),
          () -> "not taken for an outage: " + Failures.unwrapped(failure));
    } finally {
      processes.thaw();
    }
    assertEquals("n3", name(3).get(STUCK_SECONDS, TimeUnit.SECONDS));
  }

  private CompletableFuture<String> name(int id) {
    return reads.select("SELECT name FROM t WHERE id = $1", Tuple.of(id), rows -> rows.iterator().next().getString(0))
        .toCompletableFuture();
  }

  private String setting(String name) throws Exception {
    return reads.select("SELECT current_setting($1)", Tuple.of(name), rows -> rows.iterator().next().getString(0))
        .toCompletableFuture().get(STUCK_SECONDS, TimeUnit.SECONDS);
  }
}
