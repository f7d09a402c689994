package dev.polystore.activity.domain;

import java.time.Instant;

/**
 * A place in a newest-first list of events, which is ordered by (occurredAt, eventId), both
 * descending. The events "after" it are those strictly older in that order: occurred earlier, or
 * at the same millisecond with a smaller event id. (end, "") therefore means "before end".
 */
public record EventPosition(Instant occurredAt, String eventId) {

  /** The position whose following events are exactly those that occurred before {@code time}. */
  public static EventPosition before(Instant time) {
    return new EventPosition(time, "");
  }

  /** True when {@code event} comes after this position in newest-first order. */
  public boolean precedes(Event event) {
    int byTime = event.occurredAt().compareTo(occurredAt);
    return byTime < 0 || byTime == 0 && event.eventId().compareTo(eventId) < 0;
  }
}
