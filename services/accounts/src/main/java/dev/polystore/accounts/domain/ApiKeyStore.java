package dev.polystore.accounts.domain;

import dev.polystore.platform.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where API keys are kept: their hash and prefix, never their secret. */
public interface ApiKeyStore extends LastUseWriter {

  /**
   * Inserts a key. With a sealed request, claims its lookup id first in the same transaction: when
   * an earlier call claimed it, inserts nothing and returns that call's key and sealed secret.
   */
  KeyOfRequest insert(UUID id, NewApiKey key, String prefix, byte[] secretHash, Optional<SealedRequest> request);

  /** The key an earlier CreateApiKey claimed this lookup id for, with its sealed secret, as of the latest writes. */
  Optional<KeyOfRequest> findByRequest(UUID lookupId);

  /** A request id's lookup id and the secret sealed under the request id. */
  record SealedRequest(UUID lookupId, byte[] sealedSecret) {}

  /**
   * A stored key.
   *
   * @param firstSealedSecret present when an earlier call with the same request created the key
   */
  record KeyOfRequest(ApiKey key, Optional<byte[]> firstSealedSecret) {}

  /**
   * The key with this secret hash, as of the latest writes (a just-revoked key must show as revoked);
   * empty for a user-bound key whose user is no longer a member of the key's workspace.
   */
  Optional<ApiKey> findByHash(byte[] secretHash);

  /**
   * Marks the workspace's key revoked unless it is already; returns it as it is now, or empty when
   * the workspace has no such key (a key of another workspace is left as it is).
   */
  Optional<ApiKey> revoke(UUID workspaceId, UUID id);

  /** A workspace's keys in (created, id) order after the cursor; may lag by a moment. */
  List<ApiKey> listByWorkspace(UUID workspaceId, PageRequest page);

  /** Records when each key was last used, in one write; never moves a time backwards. */
  void recordLastUses(Map<UUID, Instant> lastUses);
}
