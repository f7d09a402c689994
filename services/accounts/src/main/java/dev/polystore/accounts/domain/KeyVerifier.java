package dev.polystore.accounts.domain;

import java.util.Optional;

/**
 * Verifies an API key secret in-process, for a host that runs accounts beside its own auth
 * interceptor: the same check as VerifyApiKey, without gRPC.
 */
@FunctionalInterface
public interface KeyVerifier {

  /**
   * The key {@code secret} belongs to, or empty for an unknown, revoked or expired secret, or one of
   * a user-bound key whose user is no longer a member of its workspace (a malformed secret is just
   * unknown). Records no use: the caller records one for a call that passed its checks
   * ({@link ApiKeys#recordUse}). Reads the PostgreSQL writer, so a
   * key verifies right after it was created and stops right after it was revoked; when the store
   * cannot be reached it throws the driver's exception, for the caller to answer UNAVAILABLE.
   */
  Optional<VerifiedKey> verify(String secret);
}
