package dev.polystore.accounts.domain;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Where users are kept. Every read here must see the caller's own writes. New users come in through
 * {@link NonBlockingUsers#insert}.
 */
public interface UserStore {

  Optional<User> find(UUID id);

  /** The user whose email equals {@code email} ignoring case. */
  Optional<User> findByEmail(String email);

  boolean exists(UUID id);

  /**
   * Applies {@code change} and bumps the version; with {@code expectedVersion}, only if the user is
   * still at that version (empty otherwise). ALREADY_EXISTS when the new email is taken (a lost race).
   */
  Optional<User> update(UUID id, UserUpdate change, OptionalLong expectedVersion);
}
