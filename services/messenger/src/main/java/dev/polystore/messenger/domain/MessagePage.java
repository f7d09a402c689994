package dev.polystore.messenger.domain;

import java.util.List;

/**
 * One page of a room's messages, in the direction it was asked for.
 *
 * @param hasMore whether more messages lie beyond the last one, in the same direction
 */
public record MessagePage(List<Message> messages, boolean hasMore) {

  public MessagePage {
    messages = List.copyOf(messages);
  }

  /** The page made of rows fetched with {@link MessageRange#fetchSize()}: the extra row only says more follow. */
  public static MessagePage of(MessageRange range, List<Message> fetched) {
    return fetched.size() <= range.size()
        ? new MessagePage(fetched, false)
        : new MessagePage(fetched.subList(0, range.size()), true);
  }
}
