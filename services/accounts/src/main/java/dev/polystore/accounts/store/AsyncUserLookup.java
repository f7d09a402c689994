package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.User;
import dev.polystore.accounts.domain.UserLookup;
import dev.polystore.platform.postgres.Columns;
import dev.polystore.platform.postgres.PostgresAsyncReads;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** {@link JdbiUserStore#find}'s query on the asynchronous reads, which run on the writer as it does. */
public final class AsyncUserLookup implements UserLookup {
  private static final String FIND = "SELECT " + UserRows.COLUMNS + " FROM users WHERE user_id = $1";

  private final PostgresAsyncReads reads;

  public AsyncUserLookup(PostgresAsyncReads reads) {
    this.reads = reads;
  }

  @Override
  public CompletionStage<Optional<User>> find(UUID id) {
    return reads.select(FIND, Tuple.of(id), AsyncUserLookup::user);
  }

  private static Optional<User> user(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(new User(row.getUUID("user_id"), row.getString("email"), row.getString("display_name"),
        Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"), row.getLong("version")));
  }
}
