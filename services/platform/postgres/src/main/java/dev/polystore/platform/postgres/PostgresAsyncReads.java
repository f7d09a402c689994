package dev.polystore.platform.postgres;

import dev.polystore.platform.grpc.StoreContact;
import dev.polystore.platform.telemetry.StoreCall;
import dev.polystore.platform.telemetry.StoreOperations;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.observation.Observation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
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

/**
 * Reads that hold no thread while PostgreSQL answers: the Vert.x PostgreSQL client,
 * pipelined (each connection carries many queries at once, as Lettuce's one connection does for
 * Valkey), its answers delivered on its own event loop. A handler that reads through this can
 * answer from there and need not run on the handler pool (see {@code NonBlockingMethods}); the
 * accounts floor in docs/benchmarks.md measured why: JDBC holds a thread per query, and the hand-offs
 * to and from it cost more than the query.
 *
 * <p>Same servers, database, logins, statement timeout and TLS as the JDBC pools ({@link
 * AsyncConnectOptions}), on {@link #CONNECTIONS} connections of its own beside them to the writer,
 * and as many to the reader when there is a separate one ({@link #selectMayLag}). Reads only:
 * writes, transactions and anything that must hold a lock stay on Jdbi. A connection that breaks is
 * opened again on the next query, so the reads recover by themselves when the database returns.
 */
public final class PostgresAsyncReads implements AutoCloseable {
  /** One per core is enough for a pipelined client; the connection budget counts them (docs/deploy.md). */
  public static final int CONNECTIONS = 2;
  /** As the pools' connect timeout (DriverProperties): fail a dead TCP connect fast. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final SqlClient writer;
  /** The writer's client when there is no separate reader. */
  private final SqlClient reader;
  private final String database;
  /**
   * pgjdbc's socket timeout, per read: a server that has not answered by then is taken for gone
   * and the read fails as an outage. Why not the connection's read-idle timeout: Vert.x 5.0's SQL
   * client did not close a connection to a frozen server with it (tried in PostgresAsyncReadsIT).
   * Unlike pgjdbc's, it does not close the connection: that is left to the server's answer once it
   * is back, or to TCP once the server is gone for good.
   */
  private final Duration readTimeout;
  /**
   * Each statement's kind of store call, by its text: its operation checked and its observation's
   * names made once per statement (the services pass constants), not on every read.
   */
  private final Map<String, StoreCall> statements = new ConcurrentHashMap<>();

  public PostgresAsyncReads(PostgresConfig config, String applicationName) {
    AsyncConnectOptions.check(config.writer(), PostgresConfig.WRITER_CONN);
    AsyncConnectOptions.check(config.reader(), PostgresConfig.READER_CONN);
    this.database = config.database();
    this.readTimeout = config.socketTimeout();
    // Nothing of Vert.x's file system is used: no cache directory written to the working directory.
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CONNECTIONS).setWorkerPoolSize(1)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    this.writer = client(config, config.writer(), config.writerCredentials(), PostgresConfig.WRITER_CONN,
        applicationName + "-async-writer");
    this.reader = config.hasSeparateReader()
        ? client(config, config.reader(), config.readerCredentials(), PostgresConfig.READER_CONN,
            applicationName + "-async-reader")
        : writer;
  }

  private SqlClient client(PostgresConfig config, PostgresEndpoint endpoint, PostgresCredentials credentials,
      String variable, String name) {
    NetClientOptions network = new NetClientOptions()
        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
        .setTcpKeepAlive(true);
    PoolOptions pool = new PoolOptions()
        .setName(name)
        .setMaxSize(CONNECTIONS)
        .setIdleTimeout((int) config.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setConnectionTimeout((int) config.connectionTimeout().toMillis())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    return PgBuilder.client().with(pool).with(network)
        // Per new connection, off the event loop: a password file is read, an IAM token signed.
        .connectingTo(() -> vertx.<SqlConnectOptions>executeBlocking(() ->
            AsyncConnectOptions.of(config, endpoint, credentials, name, variable)))
        .using(vertx)
        .build();
  }

  /**
   * Runs the SELECT {@code sql} (with {@code $1, $2, ...} placeholders) with {@code arguments} on
   * the writer, so it sees every write acknowledged before it; the
   * stage completes on the client's event loop with {@code mapping} of the rows, or with the failure
   * ({@link PostgresOutages} classifies it). {@code mapping} runs there too and must not block.
   */
  public <T> CompletionStage<T> select(String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    return select(writer, sql, arguments, mapping);
  }

  /** As {@link #select}, on the reader: for reads that may be a moment behind the writer. */
  public <T> CompletionStage<T> selectMayLag(String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    return select(reader, sql, arguments, mapping);
  }

  private <T> CompletionStage<T> select(SqlClient client, String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    StoreCall call = statements.computeIfAbsent(sql, this::selectCall);
    // A read changes nothing: whether or not it reached the database, the caller may retry it.
    StoreContact.awaitingStore();
    Observation observation = Telemetry.observingCall() ? call.observation().start() : null;
    Future<T> rows = client.preparedQuery(sql).execute(arguments).map(mapping);
    if (!readTimeout.isZero()) {
      rows = rows.timeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (observation != null) {
      rows = rows.onComplete(done -> observation.stop(), failure -> observation.error(failure).stop());
    }
    return rows.toCompletionStage();
  }

  /** The kind of store call of {@code sql}, which must be a SELECT. */
  private StoreCall selectCall(String sql) {
    String operation = StoreOperations.firstKeyword(sql, "SQL");
    if (!operation.equals("SELECT")) {
      throw new IllegalArgumentException("asynchronous reads run SELECTs only, not " + operation);
    }
    return StatementObservations.storeCall(database, operation);
  }

  @Override
  public void close() {
    if (reader != writer) {
      reader.close().toCompletionStage().toCompletableFuture().join();
    }
    writer.close().toCompletionStage().toCompletableFuture().join();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
