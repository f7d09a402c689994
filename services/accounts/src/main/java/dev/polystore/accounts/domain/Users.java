package dev.polystore.accounts.domain;

import dev.polystore.platform.errors.ServiceException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The rules for users: emails unique ignoring case, updates guarded by etags. Uniqueness is the
 * store's to enforce (a unique index on the lowered email, answered as ALREADY_EXISTS): a check by
 * read before the write would cost a round trip and still race with another write.
 */
public final class Users {
  private final UserStore store;
  private final NonBlockingUsers nonBlocking;

  public Users(UserStore store, NonBlockingUsers nonBlocking) {
    this.store = store;
    this.nonBlocking = nonBlocking;
  }

  /** Holding no thread: completes on the store's thread, ALREADY_EXISTS in the stage. */
  public CompletionStage<User> create(String email, String displayName) {
    return nonBlocking.insert(UUID.randomUUID(), email, displayName);
  }

  public User get(UUID id) {
    return store.find(id).orElseThrow(() -> notFound(id));
  }

  /** As {@link #get}, holding no thread: completes on the store's thread, NOT_FOUND in the stage. */
  public CompletionStage<User> lookUp(UUID id) {
    return nonBlocking.find(id).thenApply(user -> user.orElseThrow(() -> notFound(id)));
  }

  private static ServiceException notFound(UUID id) {
    return ServiceException.notFound("user " + id);
  }

  public User getByEmail(String email) {
    return store.findByEmail(email).orElseThrow(() -> ServiceException.notFound("user with email " + email));
  }

  public User update(UUID id, UserUpdate change) {
    User current = get(id);
    if (change.etag().isPresent() && !change.etag().get().equals(current.etag())) {
      throw staleEtag(id);
    }
    // Only an etag makes the update conditional; without one the last writer wins field by field.
    OptionalLong expectedVersion =
        change.etag().isPresent() ? OptionalLong.of(current.version()) : OptionalLong.empty();
    return store.update(id, change, expectedVersion).orElseThrow(() -> staleEtag(id));
  }

  private static ServiceException staleEtag(UUID id) {
    return ServiceException.failedPrecondition(
        "user " + id + " changed since the given etag was read; read it again and retry");
  }
}
