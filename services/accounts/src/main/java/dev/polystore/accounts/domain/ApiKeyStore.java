package dev.polystore.accounts.domain;

import dev.polystore.platform.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where API keys are kept: their hash and prefix, never their secret. */
public interface ApiKeyStore extends LastUseWriter {

  ApiKey insert(UUID id, UUID workspaceId, String name, String prefix, byte[] secretHash, List<String> scopes,
      Optional<Instant> expiresAt);

  /** The key with this secret hash, as of the latest writes (a just-revoked key must show as revoked). */
  Optional<ApiKey> findByHash(byte[] secretHash);

  /** Marks the key revoked unless it is already; returns it as it is now, or empty when there is none. */
  Optional<ApiKey> revoke(UUID id);

  /** A workspace's keys in (created, id) order after the cursor; may lag by a moment. */
  List<ApiKey> listByWorkspace(UUID workspaceId, PageRequest page);

  /** Records when each key was last used, in one write; never moves a time backwards. */
  void recordLastUses(Map<UUID, Instant> lastUses);
}
