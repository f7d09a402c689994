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
import java.util.UUID;

/**
 * The rules for API keys: the secret leaves the service once, at creation; verification answers the
 * same UNAUTHENTICATED for every kind of bad secret, so a caller learns nothing by trying; a key is
 * reached only through its own workspace.
 */
public final class ApiKeys implements KeyVerifier {
  private static final String REFUSED = "the API key is not valid";

  private final ApiKeyStore store;
  private final WorkspaceStore workspaces;
  private final MembershipStore members;
  private final ApiKeySecret secrets;
  private final LastUseRecorder lastUses;
  private final Clock clock;
  private final RequestSeal seal;

  public ApiKeys(ApiKeyStore store, WorkspaceStore workspaces, MembershipStore members, ApiKeySecret secrets,
      LastUseRecorder lastUses, Clock clock, RequestSeal seal) {
    this.store = store;
    this.workspaces = workspaces;
    this.members = members;
    this.secrets = secrets;
    this.lastUses = lastUses;
    this.clock = clock;
    this.seal = seal;
  }

  /**
   * Creates a key. With a request id that an earlier call used, returns that call's key and secret
   * instead, provided the workspace, name, scopes and user are the same.
   */
  public IssuedApiKey create(NewApiKey key, Optional<UUID> requestId) {
    Optional<ApiKeyStore.KeyOfRequest> first = requestId.flatMap(id -> store.findByRequest(RequestSeal.lookupId(id)));
    if (first.isPresent()) {
      return sameRequest(first.get(), requestId.get(), key);
    }
    if (key.expiresAt().isPresent() && !key.expiresAt().get().isAfter(clock.instant())) {
      throw ServiceException.invalid("expire_time", "expire_time.future", "must be in the future");
    }
    if (!workspaces.exists(key.workspaceId())) {
      throw ServiceException.notFound("workspace " + key.workspaceId());
    }
    // A key acts as its user only while the user is a member: checked here, and again at every
    // verification (ApiKeyStore.findByHash), which also covers a member removed meanwhile.
    key.userId().filter(user -> members.find(key.workspaceId(), user).isEmpty()).ifPresent(user -> {
      throw ServiceException.failedPrecondition(
          "user " + user + " is not a member of workspace " + key.workspaceId() + "; add the user first");
    });
    String secret = secrets.generate();
    ApiKeyStore.KeyOfRequest stored = store.insert(UUID.randomUUID(), key, ApiKeySecret.prefix(secret),
        ApiKeySecret.hash(secret),
        requestId.map(id -> new ApiKeyStore.SealedRequest(RequestSeal.lookupId(id), seal.seal(id, secret))));
    if (stored.firstSealedSecret().isPresent()) {
      return sameRequest(stored, requestId.orElseThrow(), key);
    }
    return new IssuedApiKey(stored.key(), secret);
  }

  /** The first call's key and secret, unless the request id came with another workspace, name, scopes or user. */
  private static IssuedApiKey sameRequest(ApiKeyStore.KeyOfRequest first, UUID requestId, NewApiKey asked) {
    if (!asked.matches(first.key())) {
      throw RequestIds.reused();
    }
    return new IssuedApiKey(first.key(), RequestSeal.open(requestId, first.firstSealedSecret().orElseThrow()));
  }

  public Page<ApiKey> list(UUID workspaceId, int pageSize, String pageToken) {
    PageRequest page = PageRequest.of("api-keys/" + workspaceId, pageSize, pageToken);
    List<ApiKey> rows = store.listByWorkspace(workspaceId, page);
    if (rows.isEmpty() && page.after().isEmpty() && !workspaces.exists(workspaceId)) {
      throw ServiceException.notFound("workspace " + workspaceId);
    }
    return Page.of(page, rows, k -> new KeysetCursor(k.createdAt(), k.id()));
  }

  /**
   * Revoking a revoked key changes nothing and answers the same, so retries are safe. A key of
   * another workspace is NOT_FOUND with the same message as one that does not exist.
   */
  public ApiKey revoke(UUID workspaceId, UUID id) {
    return store.revoke(workspaceId, id).orElseThrow(() -> ServiceException.notFound("API key " + id));
  }

  /** VerifyApiKey: the key, or UNAUTHENTICATED whatever is wrong with the secret; a use of the key. */
  public ApiKey verifyOrRefuse(String secret) {
    ApiKey key = usable(secret).orElseThrow(() -> ServiceException.unauthenticated(REFUSED));
    recordUse(key.id());
    return key;
  }

  /**
   * Records a use of the key, written in the next batch. The gateway calls it for a call the key
   * made once that call passed every check, not when it verifies the key: a refused call is no use.
   */
  public void recordUse(UUID id) {
    lastUses.record(id, clock.instant());
  }

  @Override
  public Optional<VerifiedKey> verify(String secret) {
    return secret == null ? Optional.empty() : usable(secret).map(VerifiedKey::of);
  }

  private Optional<ApiKey> usable(String secret) {
    Instant now = clock.instant();
    return store.findByHash(ApiKeySecret.hash(secret)).filter(found -> found.isUsableAt(now));
  }
}
