package dev.polystore.accounts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A workspace credential for machine clients. Holds no secret: only its display prefix.
 *
 * @param userId the member the key acts as; empty for a workspace integration key
 * @param expiresAt empty for a key that does not expire
 * @param revokedAt empty while the key is active
 * @param lastUsedAt roughly when the key was last verified, written in batches
 */
public record ApiKey(
    UUID id,
    UUID workspaceId,
    Optional<UUID> userId,
    String name,
    String prefix,
    List<String> scopes,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt,
    Optional<Instant> lastUsedAt) {

  public ApiKey {
    scopes = List.copyOf(scopes);
  }

  /** Whether the key may be used at {@code now}: not revoked and not expired. */
  public boolean isUsableAt(Instant now) {
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }
}
