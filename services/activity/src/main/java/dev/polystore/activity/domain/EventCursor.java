package dev.polystore.activity.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.PageToken;
import java.time.Instant;
import java.util.List;

/**
 * ListEvents page tokens: the {@link EventPosition} to continue after, bound to the request's
 * workspace, range and type so that a token cannot be replayed against another list.
 */
final class EventCursor {
  static final String FIELD = "page_token";

  private EventCursor() {}

  static String encode(EventQuery query, EventPosition position) {
    return PageToken.encode(scope(query), Long.toString(position.occurredAt().toEpochMilli()), position.eventId());
  }

  /** The position of a token, or where the list starts for an empty one. */
  static EventPosition decode(EventQuery query) {
    if (query.pageToken().isEmpty()) {
      return EventPosition.before(query.end());
    }
    List<String> keys = PageToken.decode(query.pageToken(), FIELD, scope(query), 2);
    try {
      return new EventPosition(Instant.ofEpochMilli(Long.parseLong(keys.get(0))), keys.get(1));
    } catch (NumberFormatException e) {
      throw ServiceException.invalid(FIELD, "page_token.valid", "is not a token returned by this list");
    }
  }

  private static String scope(EventQuery query) {
    return query.workspaceId() + "|" + query.start().toEpochMilli() + "|" + query.end().toEpochMilli() + "|"
        + query.type().orElse("");
  }
}
