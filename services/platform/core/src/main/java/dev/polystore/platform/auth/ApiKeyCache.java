package dev.polystore.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Verified API keys, kept for a short while so that a call costs no round trip to the accounts
 * store: an answer (a principal, or "no such key") is reused for at most {@code revocationDelay},
 * which is therefore how long a revoked or expired key may still work. A failure to verify (the
 * store away) is not kept, so the next call asks again.
 */
public final class ApiKeyCache implements Authenticator {
  /** The longest revocation delay we allow: a revoked key must stop working within 5 s. */
  public static final Duration MAX_REVOCATION_DELAY = Duration.ofSeconds(5);

  private final Authenticator verifier;
  private final Cache<String, Optional<Principal>> answers;

  public ApiKeyCache(Authenticator verifier, Duration revocationDelay, long maxKeys) {
    if (revocationDelay.isNegative() || revocationDelay.compareTo(MAX_REVOCATION_DELAY) > 0) {
      throw new IllegalArgumentException("revocation delay must be 0 to 5 s, was " + revocationDelay);
    }
    this.verifier = verifier;
    // Expire after write, not access: a key in constant use must still be looked at again.
    this.answers = Caffeine.newBuilder().expireAfterWrite(revocationDelay).maximumSize(maxKeys).build();
  }

  @Override
  public Optional<Principal> authenticate(String secret) {
    // Keyed by digest: the cache never holds a secret.
    return answers.get(TokenDigest.of(secret), digest -> verifier.authenticate(secret));
  }

  @Override
  public void recordUse(Principal principal) {
    verifier.recordUse(principal);
  }
}
