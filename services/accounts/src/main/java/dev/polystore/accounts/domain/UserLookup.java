package dev.polystore.accounts.domain;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * A user by id without holding a thread while the store answers, for GetUser, which the gRPC
 * service answers from the store's callback. Like every read of {@link UserStore}, it sees the
 * caller's own writes.
 */
public interface UserLookup {

  /** Completes, on the store's own thread, with the user or empty; or with the store's failure. */
  CompletionStage<Optional<User>> find(UUID id);
}
