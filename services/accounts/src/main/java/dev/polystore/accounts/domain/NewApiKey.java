package dev.polystore.accounts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A key as CreateApiKey asks for it, before it has an id or a secret.
 *
 * @param expiresAt empty for a key that does not expire
 * @param userId the member the key acts as; empty for a workspace integration key
 */
public record NewApiKey(UUID workspaceId, String name, List<String> scopes, Optional<Instant> expiresAt,
    Optional<UUID> userId) {

  public NewApiKey {
    scopes = List.copyOf(scopes);
  }

  /**
   * Whether {@code key} is what this request asks for, as far as a reused request id must match:
   * workspace, name, scopes (in any order) and user. Not the expiry: a retry computes it afresh.
   */
  boolean matches(ApiKey key) {
    return key.workspaceId().equals(workspaceId) && key.name().equals(name)
        && Set.copyOf(key.scopes()).equals(Set.copyOf(scopes)) && key.userId().equals(userId);
  }
}
