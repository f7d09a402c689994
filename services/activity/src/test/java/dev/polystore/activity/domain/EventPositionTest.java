package dev.polystore.activity.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventPositionTest {
  private static final Instant T = Instant.parse("2026-11-20T10:15:30.123Z");

  @Test
  void followingEventsAreOlderOrOfTheSameMillisecondWithASmallerId() {
    EventPosition position = new EventPosition(T, "m");
    assertTrue(position.precedes(event("z", T.minusMillis(1))));
    assertTrue(position.precedes(event("a", T)));
    assertFalse(position.precedes(event("m", T)));
    assertFalse(position.precedes(event("n", T)));
    assertFalse(position.precedes(event("a", T.plusMillis(1))));
  }

  @Test
  void beforeATimeMeansEverythingThatOccurredEarlier() {
    EventPosition end = EventPosition.before(T);
    assertTrue(end.precedes(event("zzz", T.minusMillis(1))));
    assertFalse(end.precedes(event("0", T)));
  }

  @Test
  void eventsKeepMillisecondsOnlyLikeTheStore() {
    Event event = event("e", Instant.parse("2026-11-20T10:15:30.123456789Z"));
    assertTrue(event.occurredAt().equals(T));
  }

  private static Event event(String id, Instant at) {
    return new Event(id, UUID.randomUUID(), "actor", "file.uploaded", "", Map.of(), at);
  }
}
