package dev.polystore.accounts.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a valid API key secret stands for, as {@link KeyVerifier} answers it in-process: the key,
 * the workspace it is confined to, the member it acts as, and what it may do. Carries no secret.
 *
 * @param userId the member the key acts as; empty for a workspace integration key
 */
public record VerifiedKey(UUID apiKeyId, UUID workspaceId, Optional<UUID> userId, List<String> scopes) {

  public VerifiedKey {
    scopes = List.copyOf(scopes);
  }

  static VerifiedKey of(ApiKey key) {
    return new VerifiedKey(key.id(), key.workspaceId(), key.userId(), key.scopes());
  }
}
