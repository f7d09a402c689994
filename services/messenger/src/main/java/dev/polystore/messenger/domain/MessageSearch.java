package dev.polystore.messenger.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.Page;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Full-text search over a workspace's messages, best match first; tombstones never match. */
public final class MessageSearch {
  private final MessageStore store;

  public MessageSearch(MessageStore store) {
    this.store = store;
  }

  /** A workspace unknown to this service, or a room of another workspace, just has no matches. */
  public Page<SearchHit> search(UUID workspaceId, Optional<UUID> roomId, String query, int pageSize, String pageToken) {
    if (query.isBlank()) {
      throw ServiceException.invalid("query", "query.not_blank", "must not be only white space");
    }
    SearchPageRequest page = SearchPageRequest.of(scope(workspaceId, roomId, query), pageSize, pageToken);
    return page.page(store.search(workspaceId, roomId, query, page));
  }

  /** Binds tokens to the whole search; the query is hashed so that tokens stay short. */
  static String scope(UUID workspaceId, Optional<UUID> roomId, String query) {
    return "search/" + workspaceId + "/" + roomId.map(UUID::toString).orElse("*") + "/" + digest(query);
  }

  private static String digest(String query) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
