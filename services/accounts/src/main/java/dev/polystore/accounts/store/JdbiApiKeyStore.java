package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.ApiKey;
import dev.polystore.accounts.domain.ApiKeyStore;
import dev.polystore.accounts.domain.EventTypes;
import dev.polystore.accounts.domain.NewApiKey;
import dev.polystore.platform.paging.PageRequest;
import dev.polystore.platform.postgres.Columns;
import dev.polystore.platform.postgres.CreateRequests;
import dev.polystore.platform.postgres.Keyset;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresPools;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** API keys in PostgreSQL: hash, prefix and metadata, never the secret. */
public final class JdbiApiKeyStore implements ApiKeyStore {
  private static final ApiKeyRows ROWS = new ApiKeyRows();

  /** The method name under which CreateApiKey's request lookup ids are kept. */
  static final String CREATE_API_KEY = "CreateApiKey";

  private final Jdbi writer;
  private final Jdbi reader;

  private final OutboxWriter events;

  public JdbiApiKeyStore(PostgresPools pools, OutboxWriter events) {
    this.writer = pools.writer();
    this.reader = pools.reader();
    this.events = events;
  }

  @Override
  public KeyOfRequest insert(UUID id, NewApiKey key, String prefix, byte[] secretHash,
      Optional<SealedRequest> request) {
    // One transaction: a request id is never claimed without its key.
    return writer.inTransaction(handle -> {
      if (request.isPresent()) {
        Optional<CreateRequests.FirstResult> first = CreateRequests.claim(handle, CREATE_API_KEY,
            request.get().lookupId(), id, Optional.of(request.get().sealedSecret()));
        if (first.isPresent()) {
          return new KeyOfRequest(find(handle, first.get().resourceId()).orElseThrow(), first.get().sealedResult());
        }
      }
      ApiKey inserted = handle.createQuery(
              "INSERT INTO api_keys (api_key_id, workspace_id, user_id, name, prefix, secret_hash, scopes, expires_at)"
                  + " VALUES (:id, :workspaceId, :userId, :name, :prefix, :secretHash, :scopes,"
                  + " CAST(:expiresAt AS timestamptz))"
                  + " RETURNING " + ApiKeyRows.COLUMNS)
          .bind("id", id)
          .bind("workspaceId", key.workspaceId())
          .bind("userId", key.userId().orElse(null))
          .bind("name", key.name())
          .bind("prefix", prefix)
          .bind("secretHash", secretHash)
          .bindArray("scopes", String.class, key.scopes())
          .bind("expiresAt", key.expiresAt().map(Columns::timestamptz).orElse(null))
          .map(ROWS)
          .one();
      events.record(handle, EventTypes.API_KEY_CREATED, key.workspaceId(), id, null);
      return new KeyOfRequest(inserted, Optional.empty());
    });
  }

  @Override
  public Optional<KeyOfRequest> findByRequest(UUID lookupId) {
    // Writer: a retry must see the first call's commit.
    return writer.withHandle(handle -> CreateRequests.find(handle, CREATE_API_KEY, lookupId)
        .flatMap(first -> find(handle, first.resourceId()).map(key -> new KeyOfRequest(key, first.sealedResult()))));
  }

  private static Optional<ApiKey> find(Handle handle, UUID id) {
    return handle.createQuery("SELECT " + ApiKeyRows.COLUMNS + " FROM api_keys WHERE api_key_id = :id")
        .bind("id", id)
        .map(ROWS)
        .findOne();
  }

  /** The key if it is the workspace's: one of another workspace is not found, as if it did not exist. */
  private static Optional<ApiKey> find(Handle handle, UUID workspaceId, UUID id) {
    return handle.createQuery("SELECT " + ApiKeyRows.COLUMNS + " FROM api_keys"
            + " WHERE api_key_id = :id AND workspace_id = :workspaceId")
        .bind("id", id)
        .bind("workspaceId", workspaceId)
        .map(ROWS)
        .findOne();
  }

  @Override
  public Optional<ApiKey> findByHash(byte[] secretHash) {
    // Writer: a key must verify right after CreateApiKey, and must stop verifying right after revoke
    // or after its user left the workspace: a user-bound key acts as a member, so only while one.
    return writer.withHandle(handle -> handle.createQuery(
            "SELECT " + ApiKeyRows.COLUMNS + " FROM api_keys k WHERE secret_hash = :secretHash"
                + " AND (k.user_id IS NULL OR EXISTS (SELECT 1 FROM memberships m"
                + " WHERE m.workspace_id = k.workspace_id AND m.user_id = k.user_id))")
        .bind("secretHash", secretHash)
        .map(ROWS)
        .findOne());
  }

  @Override
  public Optional<ApiKey> revoke(UUID workspaceId, UUID id) {
    return writer.inTransaction(handle -> {
      // Only an active key of this workspace changes, so a repeated revoke keeps the first
      // revoke_time and a key of another workspace is never touched.
      int revoked = handle.createUpdate("UPDATE api_keys SET revoked_at = now(), updated_at = now()"
              + " WHERE api_key_id = :id AND workspace_id = :workspaceId AND revoked_at IS NULL")
          .bind("id", id)
          .bind("workspaceId", workspaceId)
          .execute();
      if (revoked == 1) { // a repeated revoke changes nothing, and adds no event
        events.record(handle, EventTypes.API_KEY_REVOKED, workspaceId, id, null);
      }
      return find(handle, workspaceId, id);
    });
  }

  @Override
  public List<ApiKey> listByWorkspace(UUID workspaceId, PageRequest page) {
    // Reader: a list may be a moment behind.
    return reader.withHandle(handle -> Keyset.bind(handle.createQuery(
                "SELECT " + ApiKeyRows.COLUMNS + " FROM api_keys WHERE workspace_id = :workspaceId"
                    + Keyset.after(page, "created_at", "api_key_id")
                    + Keyset.orderAndLimit("created_at", "api_key_id")), page)
        .bind("workspaceId", workspaceId)
        .map(ROWS)
        .list());
  }

  @Override
  public void recordLastUses(Map<UUID, Instant> lastUses) {
    if (lastUses.isEmpty()) {
      return;
    }
    List<UUID> ids = new ArrayList<>(lastUses.size());
    List<String> times = new ArrayList<>(lastUses.size());
    lastUses.forEach((id, usedAt) -> {
      ids.add(id);
      times.add(usedAt.toString());
    });
    // One statement for the whole batch; GREATEST ignores NULL and never moves a time backwards.
    writer.useHandle(handle -> handle.createUpdate(
            "UPDATE api_keys AS k SET last_used_at = GREATEST(k.last_used_at, u.used_at)"
                + " FROM unnest(CAST(:ids AS uuid[]), CAST(:times AS timestamptz[])) AS u (api_key_id, used_at)"
                + " WHERE k.api_key_id = u.api_key_id")
        .bindArray("ids", UUID.class, ids)
        .bindArray("times", String.class, times)
        .execute());
  }
}
