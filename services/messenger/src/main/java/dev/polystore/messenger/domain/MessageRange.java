package dev.polystore.messenger.domain;

import dev.polystore.platform.paging.PageRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * One page of a room's messages as asked for. Message ids are the keyset: a page holds the ids
 * strictly beyond the cursor, so messages posted meanwhile never shift it.
 *
 * @param cursor empty for {@link Direction#LATEST}; any UUID otherwise, need not be a message's
 */
public record MessageRange(Direction direction, Optional<UUID> cursor, int size) {

  public MessageRange {
    if ((direction == Direction.LATEST) != cursor.isEmpty()) {
      throw new IllegalArgumentException(direction + " with cursor " + cursor);
    }
  }

  /** From the request's fields: at most one cursor (the contract's oneof), and a page size. */
  public static MessageRange of(Optional<UUID> before, Optional<UUID> after, int requestedSize) {
    int size = PageRequest.size(requestedSize);
    if (before.isPresent()) {
      return new MessageRange(Direction.BEFORE, before, size);
    }
    if (after.isPresent()) {
      return new MessageRange(Direction.AFTER, after, size);
    }
    return new MessageRange(Direction.LATEST, Optional.empty(), size);
  }

  /** How many rows to fetch: one more than the page, to learn whether more lie beyond it. */
  public int fetchSize() {
    return size + 1;
  }
}
