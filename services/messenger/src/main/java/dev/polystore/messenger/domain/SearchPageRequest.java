package dev.polystore.messenger.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.Page;
import dev.polystore.platform.paging.PageRequest;
import dev.polystore.platform.paging.PageToken;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One page of a search as asked for. Its tokens are bound to the search (workspace, room and query),
 * so a token of one search is refused by another.
 */
public record SearchPageRequest(String scope, int size, Optional<SearchCursor> after) {
  private static final String TOKEN_FIELD = "page_token";

  public static SearchPageRequest of(String scope, int requestedSize, String pageToken) {
    int size = PageRequest.size(requestedSize);
    if (pageToken == null || pageToken.isEmpty()) {
      return new SearchPageRequest(scope, size, Optional.empty());
    }
    List<String> keys = PageToken.decode(pageToken, TOKEN_FIELD, scope, 2);
    try {
      float rank = Float.parseFloat(keys.get(0));
      if (!Float.isFinite(rank)) {
        throw new NumberFormatException(keys.get(0));
      }
      return new SearchPageRequest(scope, size, Optional.of(new SearchCursor(rank, UUID.fromString(keys.get(1)))));
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid(TOKEN_FIELD, "page_token.valid",
          "is not a token returned by this search for the same request");
    }
  }

  /** How many rows to fetch: one more than the page, to learn whether another page follows. */
  public int fetchSize() {
    return size + 1;
  }

  /** The page made of hits fetched with {@link #fetchSize()}; the extra hit only says another page follows. */
  public Page<SearchHit> page(List<SearchHit> fetched) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, "");
    }
    SearchHit last = fetched.get(size - 1);
    // Float.toString reads back to the same float, so the next page resumes at exactly this rank.
    return new Page<>(fetched.subList(0, size),
        PageToken.encode(scope, Float.toString(last.rank()), last.message().id().toString()));
  }
}
