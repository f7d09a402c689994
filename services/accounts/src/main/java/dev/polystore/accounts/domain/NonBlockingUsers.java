package dev.polystore.accounts.domain;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The user store's calls that hold no thread while the store answers, for the RPCs the gRPC
 * service answers from the store's callback (GetUser, CreateUser). Each completes on the store's
 * own thread, with its answer or the store's failure. Like every read of {@link UserStore}, a read
 * sees the caller's own writes.
 */
public interface NonBlockingUsers {

  /** The user, or empty. */
  CompletionStage<Optional<User>> find(UUID id);

  /**
   * A new user and its event, committed together; ALREADY_EXISTS in the stage when another user
   * has the email, ignoring case.
   */
  CompletionStage<User> insert(UUID id, String email, String displayName);
}
