package dev.polystore.accounts.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.ids.RequestIds;
import dev.polystore.platform.paging.KeysetCursor;
import dev.polystore.platform.paging.Page;
import dev.polystore.platform.paging.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
  private final RequestSeal seal;

  public ApiKeys(ApiKeyStore store, WorkspaceStore workspaces, ApiKeySecret secrets, LastUseRecorder lastUses,
      Clock clock, RequestSeal seal) {
    this.store = store;
    this.seal = seal;
    this.workspaces = workspaces;
    this.secrets = secrets;
    this.lastUses = lastUses;
    this.clock = clock;
  }

  /**
   * Creates a key. With a request id that an earlier call used, returns that call's key and secret
   * instead, provided the workspace, name and scopes are the same.
   */
  public IssuedApiKey create(UUID workspaceId, String name, List<String> scopes, Optional<Instant> expiresAt,
      Optional<UUID> requestId) {
    Optional<ApiKeyStore.KeyOfRequest> first = requestId.flatMap(id -> store.findByRequest(RequestSeal.lookupId(id)));
    if (first.isPresent()) {
      return sameRequest(first.get(), requestId.get(), workspaceId, name, scopes);
    }
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(clock.instant())) {
      throw ServiceException.invalid("expire_time", "expire_time.future", "must be in the future");
    }
    if (!workspaces.exists(workspaceId)) {
      throw ServiceException.notFound("workspace " + workspaceId);
    }
    String secret = secrets.generate();
    ApiKeyStore.KeyOfRequest stored = store.insert(UUID.randomUUID(), workspaceId, name, ApiKeySecret.prefix(secret),
        ApiKeySecret.hash(secret), scopes, expiresAt,
        requestId.map(id -> new ApiKeyStore.SealedRequest(RequestSeal.lookupId(id), seal.seal(id, secret))));
    if (stored.firstSealedSecret().isPresent()) {
      return sameRequest(stored, requestId.orElseThrow(), workspaceId, name, scopes);
    }
    return new IssuedApiKey(stored.key(), secret);
  }

  /** The first call's key and secret, unless the request id came with another workspace, name or scopes. */
  private static IssuedApiKey sameRequest(ApiKeyStore.KeyOfRequest first, UUID requestId, UUID workspaceId,
      String name, List<String> scopes) {
    ApiKey key = first.key();
    if (!key.workspaceId().equals(workspaceId) || !key.name().equals(name)
        || !Set.copyOf(key.scopes()).equals(Set.copyOf(scopes))) {
      throw RequestIds.reused();
    }
    return new IssuedApiKey(key, RequestSeal.open(requestId, first.firstSealedSecret().orElseThrow()));
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
