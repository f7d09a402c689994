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
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous client on devstack's PostgreSQL: rows, changes, transactions, a failover, the session the pools' connections get
 * (statement timeout, application name), the reader for reads that may lag, many reads in flight on two connections, and a frozen
 * server: each read fails as an outage within the socket timeout, and the reads work again once the
 * server thaws, with nothing restarted.
 */
class PostgresAsyncClientIT {
  /** Far beyond any timeout configured here: reaching it means a read never came back. */
  private static final long STUCK_SECONDS = 60;
  private static final String RENAME = "UPDATE t SET name = $2 WHERE id = $1 RETURNING name";

  private final LocalPostgres postgres = Devstack.postgres();
  private final String database = "async_reads_it_" + UUID.randomUUID().toString().replace("-", "");
  private PostgresPools pools;
  private PostgresAsyncClient client;

  @BeforeEach
  void createDatabase() {
    postgres.createDatabase(database);
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, postgres.connectionUrl(),
        "DB_MIN_CONNECTIONS", "0", "DB_CONNECTION_TIMEOUT_MS", "3000",
        PostgresConfig.STATEMENT_TIMEOUT, "1000", PostgresConfig.SOCKET_TIMEOUT, "3")), database);
    pools = new PostgresPools(config, "async-it");
    pools.writer().useHandle(handle -> handle.execute("CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL)"));
    pools.writer().useHandle(handle -> handle.execute("INSERT INTO t SELECT i, 'n' || i FROM generate_series(1, 100) i"));
    client = new PostgresAsyncClient(config, "async-it");
  }

  @AfterEach
  void dropDatabase() {
    client.close();
    pools.close();
    postgres.dropDatabase(database);
  }

  @Test
  void readsRowsInTheSessionThePoolsConnectionsGet() throws Exception {
    assertEquals("n7", name(7).get(STUCK_SECONDS, TimeUnit.SECONDS));
    assertEquals(0, client.select("SELECT name FROM t WHERE id = $1", Tuple.of(1000), rows -> rows.size())
        .toCompletableFuture().get(STUCK_SECONDS, TimeUnit.SECONDS));
    assertEquals("1s", setting("statement_timeout"));
    assertEquals("async-it-async-writer", setting("application_name"));
  }

  @Test
  void readsThatMayLagGoToTheReader() throws Exception {
    // The same server under another host name is a separate reader as far as the settings go.
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, postgres.connectionUrl(),
        PostgresConfig.READER_CONN, postgres.connectionUrl().replace("@127.0.0.1:", "@localhost:"))), database);
    try (PostgresAsyncClient split = new PostgresAsyncClient(config, "split-it")) {
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
  void selectRunsSelectsOnlyAndChangeAnythingElse() {
    assertThrows(IllegalArgumentException.class,
        () -> client.select("UPDATE t SET name = 'x' WHERE id = $1", Tuple.of(1), rows -> rows.rowCount()));
    assertThrows(IllegalArgumentException.class,
        () -> client.change("SELECT name FROM t WHERE id = $1", Tuple.of(1), rows -> rows.rowCount()));
  }

  @Test
  void aChangeHasCommittedWhenItCompletes() throws Exception {
    assertEquals("renamed", rename(5, "renamed").get(STUCK_SECONDS, TimeUnit.SECONDS));
    // Seen by a connection of the pools: the change is its own transaction, committed.
    assertEquals("renamed", pools.writer().withHandle(handle ->
        handle.createQuery("SELECT name FROM t WHERE id = 5").mapTo(String.class).one()));
  }

  @Test
  void aTransactionCommitsAllItsStatementsTogether() throws Exception {
    assertEquals("b10", renameBoth(10, "a10", "b10").get(STUCK_SECONDS, TimeUnit.SECONDS));
    assertEquals(List.of("a10", "b10"), pools.writer().withHandle(handle ->
        handle.createQuery("SELECT name FROM t WHERE id IN (10, 11) ORDER BY id").mapTo(String.class).list()));
  }

  @Test
  void aFailedTransactionLeavesNothingWritten() {
    CompletableFuture<Integer> failing = client.<Integer>inTransaction(transaction -> transaction
        .change("UPDATE t SET name = 'lost' WHERE id = $1 RETURNING id", Tuple.of(12), rows -> rows.rowCount())
        .compose(renamed -> transaction.change("INSERT INTO t (id, name) VALUES ($1, 'dup') RETURNING id",
            Tuple.of(13), rows -> rows.rowCount())))
        .toCompletableFuture();
    ExecutionException failed = assertThrows(ExecutionException.class, () -> failing.get(STUCK_SECONDS, TimeUnit.SECONDS));
    assertTrue(Failures.unwrapped(failed) instanceof io.vertx.sqlclient.DatabaseException, failed::toString);
    assertEquals("n12", pools.writer().withHandle(handle ->
        handle.createQuery("SELECT name FROM t WHERE id = 12").mapTo(String.class).one()));
  }

  /**
   * A failover as the client sees it: its connections, opened while the server was read-only, keep
   * that for good (a session takes the database's default when it starts), as connections to a
   * demoted writer stay on it. A change there, alone or in a transaction, fails as an outage that
   * proves nothing was written; once the server is writable the client's connections are replaced
   * and changes succeed again.
   */
  @Test
  void changesRefusedByAReadOnlyServerSucceedOnNewConnectionsOnceItIsWritable() throws Exception {
    try {
      pools.writer().useHandle(handle -> {
        handle.execute("ALTER DATABASE " + database + " SET default_transaction_read_only = on");
        handle.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
      });
      for (Supplier<CompletableFuture<String>> change : List.<Supplier<CompletableFuture<String>>>of(
          () -> rename(6, "refused"), () -> renameBoth(8, "refused", "refused"))) {
        Throwable refused = awaitRefusal(change);
        assertTrue(new PostgresOutages().isOutage(refused), refused::toString);
        assertTrue(new PostgresOutages().provesNotRun(refused), refused::toString);
      }
    } finally {
      pools.writer().useHandle(handle -> handle.execute("ALTER DATABASE " + database + " RESET default_transaction_read_only"));
    }
    assertEquals("after", awaitSuccess(() -> rename(6, "after")));
    assertEquals("after both", awaitSuccess(() -> renameBoth(8, "after", "after both")));
  }

  /** What {@code change} returns once it succeeds, tried again while it fails. */
  private static String awaitSuccess(Supplier<CompletableFuture<String>> change) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(STUCK_SECONDS);
    while (System.nanoTime() < end) {
      try {
        return change.get().get(STUCK_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException stillReadOnly) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("no change succeeded in time");
  }

  /** The failure of the first {@code change} the read-only server refuses (those before may meet cut connections). */
  private static Throwable awaitRefusal(Supplier<CompletableFuture<String>> change) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(STUCK_SECONDS);
    while (System.nanoTime() < end) {
      try {
        change.get().get(STUCK_SECONDS, TimeUnit.SECONDS);
        throw new AssertionError("a change succeeded on a read-only server");
      } catch (ExecutionException e) {
        Throwable failure = Failures.unwrapped(e);
        if (failure instanceof io.vertx.sqlclient.DatabaseException database
            && ReadOnlyWriter.READ_ONLY_TRANSACTION.equals(database.getSqlState())) {
          return failure;
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("no change refused as read-only in time");
  }

  /** Renames {@code id} and {@code id + 1} in one transaction; the second name once committed. */
  private CompletableFuture<String> renameBoth(int id, String first, String second) {
    return client.<String>inTransaction(transaction -> transaction
        .change(RENAME, Tuple.of(id, first), rows -> rows.iterator().next().getString(0))
        .compose(renamed -> transaction.change(RENAME, Tuple.of(id + 1, second),
            rows -> rows.iterator().next().getString(0))))
        .toCompletableFuture();
  }

  private CompletableFuture<String> rename(int id, String name) {
    return client.change(RENAME, Tuple.of(id, name),
        rows -> rows.iterator().next().getString(0)).toCompletableFuture();
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
    return client.select("SELECT name FROM t WHERE id = $1", Tuple.of(id), rows -> rows.iterator().next().getString(0))
        .toCompletableFuture();
  }

  private String setting(String name) throws Exception {
    return client.select("SELECT current_setting($1)", Tuple.of(name), rows -> rows.iterator().next().getString(0))
        .toCompletableFuture().get(STUCK_SECONDS, TimeUnit.SECONDS);
  }
}
