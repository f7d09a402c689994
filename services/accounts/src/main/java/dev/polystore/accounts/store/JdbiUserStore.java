package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.EventTypes;
import dev.polystore.accounts.domain.User;
import dev.polystore.accounts.domain.UserStore;
import dev.polystore.accounts.domain.UserUpdate;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresOutbox;
import dev.polystore.platform.postgres.UniqueViolation;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Users in PostgreSQL. Every query runs on the writer: GetUser and GetUserByEmail come right after
 * CreateUser or UpdateUser, and the checks before a write must not miss a user created a moment ago.
 */
public final class JdbiUserStore implements UserStore {
  static final String EMAIL_KEY = "users_email_lower_key";
  private static final UserRows ROWS = new UserRows();

  private final Jdbi writer;
  private final OutboxWriter events;

  public JdbiUserStore(Jdbi writer, OutboxWriter events) {
    this.writer = writer;
    this.events = events;
  }

  /**
   * {@link AsyncUserStore#insert}'s statement through JDBC: what the benchmarks measure the
   * service's CreateUser against, the store's own driver used directly. The service inserts
   * through the asynchronous client.
   */
  public User insert(UUID id, String email, String displayName) {
    try {
      // One statement with its event (PostgresOutbox.withEvent): no transaction round trips.
      return writer.withHandle(handle -> PostgresOutbox.bindEvent(handle.createQuery(PostgresOutbox.withEvent(
                  "INSERT INTO users (user_id, email, display_name) VALUES (:id, :email, :displayName)"
                      + " RETURNING " + UserRows.COLUMNS)),
              events.row(EventTypes.USER_CREATED, null, id, null))
          .bind("id", id)
          .bind("email", email)
          .bind("displayName", displayName)
          .map(ROWS)
          .one());
    } catch (JdbiException e) {
      throw UniqueViolation.translate(e, EMAIL_KEY, () -> emailTaken(email));
    }
  }

  @Override
  public Optional<User> find(UUID id) {
    // Writer: GetUser right after CreateUser or UpdateUser must see that write.
    return writer.withHandle(handle -> handle.createQuery(
            "SELECT " + UserRows.COLUMNS + " FROM users WHERE user_id = :id")
        .bind("id", id)
        .map(ROWS)
        .findOne());
  }

  @Override
  public Optional<User> findByEmail(String email) {
    // Writer: GetUserByEmail right after a write must see it, and so must the uniqueness check.
    // lower() on both sides, the same function as the unique index, which this lookup uses.
    return writer.withHandle(handle -> handle.createQuery(
            "SELECT " + UserRows.COLUMNS + " FROM users WHERE lower(email) = lower(:email)")
        .bind("email", email)
        .map(ROWS)
        .findOne());
  }

  @Override
  public boolean exists(UUID id) {
    // Writer: checked before writes, which must not miss a user created a moment ago.
    return writer.withHandle(handle -> handle.createQuery(
            "SELECT EXISTS (SELECT 1 FROM users WHERE user_id = :id)")
        .bind("id", id)
        .mapTo(Boolean.class)
        .one());
  }

  @Override
  public Optional<User> update(UUID id, UserUpdate change, OptionalLong expectedVersion) {
    try {
      // COALESCE keeps the fields the mask does not name; one statement with its event
      // (PostgresOutbox.withEvent), recorded only when the version matched and the row changed.
      return writer.withHandle(handle -> PostgresOutbox.bindEvent(handle.createQuery(PostgresOutbox.withEvent(
                  "UPDATE users SET email = COALESCE(:email, email),"
                      + " display_name = COALESCE(:displayName, display_name),"
                      + " version = version + 1, updated_at = now()"
                      + " WHERE user_id = :id AND (:anyVersion OR version = :expectedVersion)"
                      + " RETURNING " + UserRows.COLUMNS)),
              events.row(EventTypes.USER_UPDATED, null, id, null))
          .bind("id", id)
          .bind("email", change.email().orElse(null))
          .bind("displayName", change.displayName().orElse(null))
          .bind("anyVersion", expectedVersion.isEmpty())
          .bind("expectedVersion", expectedVersion.orElse(0))
          .map(ROWS)
          .findOne());
    } catch (JdbiException e) {
      throw UniqueViolation.translate(e, EMAIL_KEY, () -> emailTaken(change.email().orElse("")));
    }
  }

  static ServiceException emailTaken(String email) {
    return ServiceException.alreadyExists("a user with email " + email + " already exists");
  }
}
