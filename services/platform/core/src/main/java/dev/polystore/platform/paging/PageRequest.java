package dev.polystore.platform.paging;

import dev.polystore.platform.errors.ServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One page of a keyset list as asked for: how many rows and after which cursor. Page tokens are
 * bound to the list's scope (which list, of which workspace or user), so a token of one list is
 * refused by another.
 */
public record PageRequest(String scope, int size, Optional<KeysetCursor> after) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 100;
  static final String TOKEN_FIELD = "page_token";

  /**
   * Parses what the caller sent: a size of 0 means {@link #DEFAULT_SIZE}; an empty token means the
   * first page; any other token must be one this list handed out for the same scope.
   */
  public static PageRequest of(String scope, int requestedSize, String pageToken) {
    int size = size(requestedSize);
    if (pageToken == null || pageToken.isEmpty()) {
      return new PageRequest(scope, size, Optional.empty());
    }
    List<String> keys = PageToken.decode(pageToken, TOKEN_FIELD, scope, 2);
    try {
      long micros = Long.parseLong(keys.get(0));
      Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          Math.floorMod(micros, 1_000_000L) * 1_000L);
      return new PageRequest(scope, size, Optional.of(new KeysetCursor(createdAt, UUID.fromString(keys.get(1)))));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ServiceException.invalid(TOKEN_FIELD, "page_token.valid",
          "is not a token returned by this list for the same request");
    }
  }

  /**
   * The page size a caller asked for: 0 means {@link #DEFAULT_SIZE}; INVALID_ARGUMENT on page_size
   * outside 0 to {@link #MAX_SIZE}. For lists whose cursor is not a {@link KeysetCursor}.
   */
  public static int size(int requestedSize) {
    if (requestedSize < 0 || requestedSize > MAX_SIZE) {
      throw ServiceException.invalid("page_size", "page_size.range",
          "must be between 0 and " + MAX_SIZE + " (0 means " + DEFAULT_SIZE + ")");
    }
    return requestedSize == 0 ? DEFAULT_SIZE : requestedSize;
  }

  /** How many rows to fetch: one more than the page, to learn whether another page follows. */
  public int fetchSize() {
    return size + 1;
  }

  /** The token that continues after {@code last}. Microseconds: PostgreSQL's timestamp precision. */
  String tokenAfter(KeysetCursor last) {
    Instant at = last.createdAt();
    long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
    return PageToken.encode(scope, Long.toString(micros), last.id().toString());
  }
}
