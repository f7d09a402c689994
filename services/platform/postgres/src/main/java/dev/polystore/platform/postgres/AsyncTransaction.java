package dev.polystore.platform.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * The statements of one transaction of {@link PostgresAsyncClient#inTransaction}, on its
 * connection: each observed and timed out as the client's own, its future completing on the
 * client's event loop. Compose them ({@code compose}); whatever the last one's future fails with
 * rolls the transaction back.
 */
public final class AsyncTransaction {
  private final PostgresAsyncClient client;
  private final SqlConnection connection;

  AsyncTransaction(PostgresAsyncClient client, SqlConnection connection) {
    this.client = client;
    this.connection = connection;
  }

  /** A SELECT (also one that locks rows, {@code FOR UPDATE}) with {@code $1, $2, ...} placeholders. */
  public <T> Future<T> select(String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    return client.run(connection, sql, true, arguments, mapping);
  }

  /** A statement that changes rows, as {@link PostgresAsyncClient#change}'s; it commits with the transaction. */
  public <T> Future<T> change(String sql, Tuple arguments, Function<RowSet<Row>, T> mapping) {
    return client.run(connection, sql, false, arguments, mapping);
  }
}
