package dev.polystore.platform.postgres;

import dev.polystore.platform.grpc.StoreContact;
import dev.polystore.platform.telemetry.StoreCall;
import dev.polystore.platform.telemetry.StoreOperations;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.observation.Observation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.ClientBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Statements that hold no thread while PostgreSQL answers: the Vert.x PostgreSQL client,
 * pipelined (each connection carries many queries at once, as Lettuce's one connection does for
 * Valkey), its answers delivered on its own event loop. A handler that runs its statement through
 * this can answer from there and need not run on the handler pool (see {@code NonBlockingMethods});
 * the accounts floor in docs/benchmarks.md measured why: JDBC holds a thread per query, and the
 * hand-offs to and from it cost more than the query.
 *
 * <p>Same servers, database, logins, statement timeout and TLS as the JDBC pools ({@link
 * AsyncConnectOptions}), on {@link #CONNECTIONS} connections of its own beside them to the writer,
 * and as many to the reader when there is a separate one ({@link #selectMayLag}). Reads, and writes
 * of one statement, which is its own transaction ({@link #change}), share those connections. A
 * transaction of several statements holds a connection to itself until it ends, so those run on a
 * pool of up to {@link #TRANSACTION_CONNECTIONS} more to the writer, opened only when one is first
 * needed ({@link #inTransaction}). A connection that breaks is opened again on the next statement,
 * so the client recovers by itself when the database returns; a writer that turned read-only (a
 * failover) has its connections replaced ({@link WriterClient}).
 */
public final class PostgresAsyncClient implements AutoCloseable {
  /** One per core is enough for a pipelined client; the connection budget counts them (docs/deploy.md). */
  public static final int CONNECTIONS = 2;
  /**
   * Transactions in flight at once; more wait for a connection without holding a thread. A
   * transaction's connection sits idle while each statement's answer travels, so this is many per
   * core: with 8, posts at 16 clients queued for a connection (docs/benchmarks.md, session 21).
   */
  public static final int TRANSACTION_CONNECTIONS = 16;
  /** As the pools' connect timeout (DriverProperties): fail a dead TCP connect fast. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final WriterClient<SqlClient> writer;
  private final WriterClient<Pool> transactions;
  /**
   * Where every transaction takes and gives back its connection: one event loop. Why not from the
   * caller's thread: Vert.x 5.0.7's pool then races its wait timer against the connection's return
   * on another thread, and the timer fires long after the wait ended ("Promise already completed",
   * logged as an error; the bench showed a dozen a run); a fix is in vertx-sql-client 5.0.10,
   * which needs a vertx-core not served to us. The connections live on this loop too.
   */
  private final Context transactionLoop;
  /** The writer's current client when there is no separate reader. */
  private final Supplier<SqlClient> reader;
  private final String database;
  /**
   * pgjdbc's socket timeout, per statement: a server that has not answered by then is taken for gone
   * and the statement fails as an outage. Why not the connection's read-idle timeout: Vert.x 5.0's SQL
   * client did not close a connection to a frozen server with it (tried in PostgresAsyncClientIT).
   * Unlike pgjdbc's, it does not close the connection: that is left to the server's answer once it
   * is back, or to TCP once the server is gone for good.
   */
  private final Duration readTimeout;
  /**
   * Each statement's kind of store call, by its text: its operation checked and its observation's
   * names made once per statement (the services pass constants), not on every run.
   */
  private final Map<String, StoreCall> statements = new ConcurrentHashMap<>();

  public PostgresAsyncClient(PostgresConfig config, String applicationName) {
    AsyncConnectOptions.check(config.writer(), PostgresConfig.WRITER_CONN);
    AsyncConnectOptions.check(config.reader(), PostgresConfig.READER_CONN);
    this.database = config.database();
    this.readTimeout = config.socketTimeout();
    // Nothing of Vert.x's file system is used: no cache directory written to the working directory.
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CONNECTIONS).setWorkerPoolSize(1)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    // A replaced writer client stays open as long as a statement in flight on it may wait.
    Duration retireAfter = readTimeout.compareTo(CONNECT_TIMEOUT) > 0 ? readTimeout : CONNECT_TIMEOUT;
    this.writer = new WriterClient<>(vertx, () -> build(PgBuilder.client(), CONNECTIONS, config, config.writer(),
        config.writerCredentials(), PostgresConfig.WRITER_CONN, applicationName + "-async-writer"), retireAfter);
    this.transactionLoop = vertx.getOrCreateContext();
    this.transactions = new WriterClient<>(vertx, () -> build(PgBuilder.pool(), TRANSACTION_CONNECTIONS, config,
        config.writer(), config.writerCredentials(), PostgresConfig.WRITER_CONN, applicationName + "-async-transactions"),
        retireAfter);
    if (config.hasSeparateReader()) {
      SqlClient separate = build(PgBuilder.client(), CONNECTIONS, config, config.reader(), config.readerCredentials(),
          PostgresConfig.READER_CONN, applicationName + "-async-reader");
      this.reader = () -> separate;
    } else {
      this.reader = writer::current;
    }
  }

  /** A pipelined client ({@code PgBuilder.client()}) or a pool of connections ({@code PgBuilder.pool()}). */
  private <C> C build(ClientBuilder<C> builder, int connections, PostgresConfig config, PostgresEndpoint endpoint,
      PostgresCredentials credentials, String variable, String name) {
    NetClientOptions network = new NetClientOptions()
        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
        .setTcpKeepAlive(true);
    PoolOptions pool = new PoolOptions()
        .setName(name)
        .setMaxSize(connections)
        .setIdleTimeout((int) config.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setConnectionTimeout((int) config.connectionTimeout().toMillis())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    return builder.with(pool).with(network)
        // Per new connection, off the event loop: a password file is read, an IAM token signed.
        .connectingTo(() -> vertx.<SqlConnectOptions>executeBlocking(() ->
            AsyncConnectOptions.of(config, endpoint, credentials, name, variable)))
        .using(vertx)
        .build();
  }

  /**
   * Runs the SELECT {@code sql} (with {@code $1, $2, ...} placeholders) with {@code arguments} on
   * the writer, so it sees every write acknowledged before it. The stage completes on the client's
   * event loop with {@code mapping} of the rows, or with the failure ({@link PostgresOutages}
   * classifies it); {@code mapping} runs there too and must not block.
   */
  public <T> CompletionStage<T> select(String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    return select(writer.current(), sql, arguments, mapping);
  }

  /** As {@link #select}, on the reader: for reads that may be a moment behind the writer. */
  public <T> CompletionStage<T> selectMayLag(String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    return select(reader.get(), sql, arguments, mapping);
  }

  private <T> CompletionStage<T> select(SqlClient client, String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    // A read changes nothing: whether or not it reached the database, the caller may retry it.
    StoreContact.awaitingStore();
    return run(client, sql, true, arguments, mapping).toCompletionStage();
  }

  /**
   * Runs {@code sql}, one statement that changes rows (an INSERT, UPDATE or DELETE, or a WITH of
   * them, such as {@link PostgresOutbox#withEvent}'s), on the writer as a transaction of its own:
   * when the stage completes with {@code mapping} of the rows it returned, the change has committed.
   * A failure is classified as {@link #select}'s; after one the change may or may not have
   * committed, unless {@link PostgresOutages#provesNotRun} says it did not.
   */
  public <T> CompletionStage<T> change(String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    SqlClient client = writer.current();
    return run(client, sql, false, arguments, mapping)
        .onFailure(failure -> writer.replaceIfReadOnly(client, failure))
        .toCompletionStage();
  }

  /**
   * Runs {@code work}'s statements on the writer as one transaction, on a connection of its own:
   * committed when {@code work}'s future succeeds, rolled back when it fails. The stage completes on
   * the client's event loop once the transaction has ended; a failure is classified as {@link
   * #change}'s, and a failed COMMIT may or may not have committed. {@code work} composes its
   * statements through {@link AsyncTransaction} and must not block.
   */
  public <T> CompletionStage<T> inTransaction(Function<AsyncTransaction, Future<T>> work) {
    Pool pool = transactions.current();
    Promise<T> ended = Promise.promise();
    transactionLoop.runOnContext(ignored ->
        pool.withTransaction(connection -> work.apply(new AsyncTransaction(this, connection))).onComplete(ended));
    return ended.future()
        .onFailure(failure -> transactions.replaceIfReadOnly(pool, failure))
        .toCompletionStage();
  }

  /** {@code sql} on {@code client}, observed, within the read timeout: a SELECT when {@code read}, else a change. */
  <T> Future<T> run(SqlClient client, String sql, boolean read, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    StoreCall call = statements.computeIfAbsent(sql, text -> storeCall(text, read));
    Observation observation = Telemetry.observingCall() ? call.observation().start() : null;
    Future<T> rows = client.preparedQuery(sql).execute(arguments).map(mapping);
    if (!readTimeout.isZero()) {
      rows = rows.timeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (observation != null) {
      rows = rows.onComplete(done -> observation.stop(), failure -> observation.error(failure).stop());
    }
    return rows;
  }

  /** The kind of store call of {@code sql}: a SELECT when {@code read}, else a statement that changes rows. */
  private StoreCall storeCall(String sql, boolean read) {
    String operation = StoreOperations.firstKeyword(sql, "SQL");
    boolean select = operation.equals("SELECT");
    if (read != select) {
      throw new IllegalArgumentException(read
          ? "the asynchronous client's select runs SELECTs only, not " + operation
          : "the asynchronous client's change runs statements that change rows, not a SELECT");
    }
    return StatementObservations.storeCall(database, operation);
  }

  @Override
  public void close() {
    if (reader.get() != writer.current()) {
      reader.get().close().toCompletionStage().toCompletableFuture().join();
    }
    writer.close();
    transactions.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
