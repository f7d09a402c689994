package dev.polystore.platform.auth;

import java.util.Optional;

/** Resolves a bearer secret to the principal it belongs to; empty when it belongs to none. */
@FunctionalInterface
public interface Authenticator {
  /**
   * The principal of {@code secret}, or empty for an unknown, expired or revoked one. Throws when
   * it cannot tell (its store is away): the caller then gets UNAVAILABLE, not UNAUTHENTICATED.
   */
  Optional<Principal> authenticate(String secret);

  /**
   * Called once a call of {@code principal}, which this authenticator returned, has passed every
   * check: a refused call is no use of a credential and must change nothing. API keys record their
   * last use here; other credentials need nothing.
   */
  default void recordUse(Principal principal) {}
}
