package dev.polystore.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.ServiceException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCursorTest {
  private static final UUID WORKSPACE = UUID.randomUUID();
  private static final Instant START = Instant.parse("2026-11-19T00:00:00Z");
  private static final Instant END = Instant.parse("2026-11-21T00:00:00Z");

  @Test
  void aTokenLeadsBackToItsPosition() {
    EventPosition position = new EventPosition(Instant.parse("2026-11-20T08:00:00.001Z"), "evt-42");
    String token = EventCursor.encode(query(Optional.empty(), ""), position);
    assertEquals(position, EventCursor.decode(query(Optional.empty(), token)));
  }

  @Test
  void theFirstPageStartsBeforeTheEndOfTheRange() {
    assertEquals(EventPosition.before(END), EventCursor.decode(query(Optional.empty(), "")));
  }

  @Test
  void aTokenOfAnotherListIsRefusedOnThePageTokenField() {
    String token = EventCursor.encode(query(Optional.empty(), ""), new EventPosition(END.minusSeconds(1), "a"));
    ServiceException refused = assertThrows(ServiceException.class,
        () -> EventCursor.decode(query(Optional.of("file.uploaded"), token)));
    assertEquals(ServiceException.Reason.INVALID_ARGUMENT, refused.reason());
    assertEquals("page_token", refused.violations().get(0).field());
  }

  private static EventQuery query(Optional<String> type, String token) {
    return new EventQuery(WORKSPACE, START, END, type, 10, token);
  }
}
