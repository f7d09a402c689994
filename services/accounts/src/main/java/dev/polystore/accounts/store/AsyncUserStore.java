package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.EventTypes;
import dev.polystore.accounts.domain.NonBlockingUsers;
import dev.polystore.accounts.domain.User;
import dev.polystore.platform.postgres.Columns;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresAsyncClient;
import dev.polystore.platform.postgres.PostgresOutbox;
import dev.polystore.platform.postgres.UniqueViolation;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link JdbiUserStore}'s point read and insert on the asynchronous client, on the writer as there:
 * the same statements, with positional placeholders.
 */
public final class AsyncUserStore implements NonBlockingUsers {
  private static final String FIND = "SELECT " + UserRows.COLUMNS + " FROM users WHERE user_id = $1";
  private static final String INSERT = PostgresOutbox.withEvent(
      "INSERT INTO users (user_id, email, display_name) VALUES ($1, $2, $3) RETURNING " + UserRows.COLUMNS,
      "$4", "$5", "$6");

  private final PostgresAsyncClient client;
  private final OutboxWriter events;

  public AsyncUserStore(PostgresAsyncClient client, OutboxWriter events) {
    this.client = client;
    this.events = events;
  }

  @Override
  public CompletionStage<Optional<User>> find(UUID id) {
    return client.select(FIND, Tuple.of(id), AsyncUserStore::first);
  }

  @Override
  public CompletionStage<User> insert(UUID id, String email, String displayName) {
    Tuple arguments = PostgresOutbox.addEvent(Tuple.of(id, email, displayName),
        events.row(EventTypes.USER_CREATED, null, id, null));
    return client.change(INSERT, arguments, rows -> first(rows).orElseThrow())
        .exceptionallyCompose(failure -> CompletableFuture.failedStage(
            UniqueViolation.translateAsync(failure, JdbiUserStore.EMAIL_KEY, () -> JdbiUserStore.emailTaken(email))));
  }

  private static Optional<User> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(new User(row.getUUID("user_id"), row.getString("email"), row.getString("display_name"),
        Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"), row.getLong("version")));
  }
}
