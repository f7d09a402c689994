package dev.polystore.accounts.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.KeysetCursor;
import dev.polystore.platform.paging.Page;
import dev.polystore.platform.paging.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules for API keys: the secret leaves the service once, at creation; verification answers the
 * same UNAUTHENTICATED for every kind of bad secret, so a caller learns nothing by trying.
 */
public final class ApiKeys {
  private static final String REFUSED = "the API key is not valid";

  private final ApiKeyStore store;
  private final WorkspaceStore workspaces;
  private final ApiKeySecret secrets;
  private final LastUseRecorder lastUses;
  private final Clock clock;

  public ApiKeys(ApiKeyStore store, WorkspaceStore workspaces, ApiKeySecret secrets, LastUseRecorder lastUses,
      Clock clock) {
    this.store = store;
    this.workspaces = workspaces;
    this.secrets = secrets;
    this.lastUses = lastUses;
    this.clock = clock;
  }

  public IssuedApiKey create(UUID workspaceId, String name, List<String> scopes, Optional<Instant> expiresAt) {
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(clock.instant())) {
      throw ServiceException.invalid("expire_time", "expire_time.future", "must be in the future");
    }
    if (!workspaces.exists(workspaceId)) {
      throw ServiceException.notFound("workspace " + workspaceId);
    }
    String secret = secrets.generate();
    ApiKey key = store.insert(UUID.randomUUID(), workspaceId, name, ApiKeySecret.prefix(secret),
        ApiKeySecret.hash(secret), scopes, expiresAt);
    return new IssuedApiKey(key, secret);
  }

  public Page<ApiKey> list(UUID workspaceId, int pageSize, String pageToken) {
    PageRequest page = PageRequest.of("api-keys/" + workspaceId, pageSize, pageToken);
    List<ApiKey> rows = store.listByWorkspace(workspaceId, page);
    if (rows.isEmpty() && page.after().isEmpty() && !workspaces.exists(workspaceId)) {
      throw ServiceException.notFound("workspace " + workspaceId);
    }
    return Page.of(page, rows, k -> new KeysetCursor(k.createdAt(), k.id()));
  }

  /** Revoking a revoked key changes nothing and answers the same, so retries are safe. */
  public ApiKey revoke(UUID id) {
    return store.revoke(id).orElseThrow(() -> ServiceException.notFound("API key " + id));
  }

  public ApiKey verify(String secret) {
    Instant now = clock.instant();
    ApiKey key = store.findByHash(ApiKeySecret.hash(secret))
        .filter(found -> found.isUsableAt(now))
        .orElseThrow(() -> ServiceException.unauthenticated(REFUSED));
    lastUses.record(key.id(), now);
    return key;
  }
}
