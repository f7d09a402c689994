package dev.polystore.bench.accounts;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.GetUserResponse;
import dev.polystore.accounts.v1.User;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * Bench only: the accounts service's point read of a user over the Vert.x PostgreSQL client, which
 * holds no thread while PostgreSQL answers. {@link #service} answers GetUser from the client's
 * callback, as the presence service answers Heartbeat from Lettuce's; {@link #find} is the same
 * query used directly. The services themselves run on JDBC (JDBI, HikariCP); this measures what an
 * asynchronous driver would give them (docs/benchmarks.md, session 18).
 */
final class AsyncUserReads implements AutoCloseable {
  /** The query of JdbiUserStore.find, in PostgreSQL's own placeholders. */
  private static final String FIND = "SELECT user_id, email, display_name, created_at, updated_at, version"
      + " FROM users WHERE user_id = $1";

  private final Vertx vertx = Vertx.vertx();
  private final SqlClient pool;

  /** Over {@code uri} (postgresql://user:password@host:port/any) to {@code database}, at most {@code connections}. */
  AsyncUserReads(String uri, String database, int connections, boolean pipelined) {
    PgConnectOptions connect = PgConnectOptions.fromUri(uri).setDatabase(database).setCachePreparedStatements(true);
    PoolOptions pool = new PoolOptions().setMaxSize(connections);
    // A client pipelines queries on its pooled connections (up to 256 in flight on each, as Lettuce
    // does on its one Valkey connection); a pool runs one query per connection at a time, as JDBC does.
    this.pool = pipelined
        ? PgBuilder.client().with(pool).connectingTo(connect).using(vertx).build()
        : PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  /** The user's row, or a failed future; completes on the client's event loop. */
  Future<User> find(UUID id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> user(rows, id));
  }

  /** GetUser answered from the client's callback: no thread waits for PostgreSQL. */
  AccountsServiceGrpc.AccountsServiceImplBase service() {
    return new AccountsServiceGrpc.AccountsServiceImplBase() {
      @Override
      public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
        UUID id;
        try {
          id = UUID.fromString(request.getUserId());
        } catch (IllegalArgumentException e) {
          response.onError(Status.INVALID_ARGUMENT.withDescription("user_id: must be a UUID").asRuntimeException());
          return;
        }
        find(id).onComplete(user -> {
          response.onNext(GetUserResponse.newBuilder().setUser(user).build());
          response.onCompleted();
        }, failure -> response.onError(failure instanceof NoSuchUser
            ? Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException()
            : Status.UNAVAILABLE.withCause(failure).asRuntimeException()));
      }
    };
  }

  private static User user(RowSet<Row> rows, UUID id) {
    if (rows.size() == 0) {
      throw new NoSuchUser(id);
    }
    Row row = rows.iterator().next();
    return User.newBuilder()
        .setUserId(row.getUUID("user_id").toString())
        .setEmail(row.getString("email"))
        .setDisplayName(row.getString("display_name"))
        .setCreateTime(timestamp(row.getOffsetDateTime("created_at").toInstant()))
        .setUpdateTime(timestamp(row.getOffsetDateTime("updated_at").toInstant()))
        .setEtag(Long.toString(row.getLong("version")))
        .build();
  }

  private static com.google.protobuf.Timestamp timestamp(Instant instant) {
    return com.google.protobuf.Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  private static final class NoSuchUser extends RuntimeException {
    NoSuchUser(UUID id) {
      super("no user " + id);
    }
  }

  @Override
  public void close() {
    pool.close().toCompletionStage().toCompletableFuture().join();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
