package dev.polystore.activity.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * One thing that happened in a workspace. {@code occurredAt} is kept to the millisecond, the
 * precision the store has, so that what is read back equals what was recorded.
 */
public record Event(
    String eventId,
    UUID workspaceId,
    String actorId,
    String type,
    String subject,
    Map<String, String> attributes,
    Instant occurredAt) {

  public Event {
    attributes = Map.copyOf(attributes);
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The position just after this event in a newest-first list. */
  public EventPosition position() {
    return new EventPosition(occurredAt, eventId);
  }
}
