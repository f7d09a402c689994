package dev.polystore.messenger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.errors.ServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageRangeTest {
  private static final UUID CURSOR = UUID.randomUUID();

  @Test
  void theCursorSetPicksTheDirection() {
    assertEquals(new MessageRange(Direction.LATEST, Optional.empty(), 50),
        MessageRange.of(Optional.empty(), Optional.empty(), 0));
    assertEquals(new MessageRange(Direction.BEFORE, Optional.of(CURSOR), 7),
        MessageRange.of(Optional.of(CURSOR), Optional.empty(), 7));
    assertEquals(new MessageRange(Direction.AFTER, Optional.of(CURSOR), 100),
        MessageRange.of(Optional.empty(), Optional.of(CURSOR), 100));
  }

  @Test
  void refusesSizesOutsideTheContract() {
    ServiceException e = assertThrows(ServiceException.class, () -> MessageRange.of(Optional.empty(), Optional.empty(), 101));

    assertEquals("page_size", e.violations().get(0).field());
  }

  @Test
  void theExtraRowOnlySaysMoreFollow() {
    MessageRange range = MessageRange.of(Optional.empty(), Optional.empty(), 3);
    List<Message> four = messages(4);

    MessagePage full = MessagePage.of(range, four);
    MessagePage last = MessagePage.of(range, four.subList(0, 3));

    assertEquals(4, range.fetchSize());
    assertEquals(four.subList(0, 3), full.messages());
    assertTrue(full.hasMore());
    assertEquals(four.subList(0, 3), last.messages());
    assertFalse(last.hasMore());
  }

  private static List<Message> messages(int count) {
    return IntStream.range(0, count).mapToObj(i -> new Message(UUID.randomUUID(), CURSOR, CURSOR, CURSOR, "key-" + i,
        "body " + i, Instant.EPOCH, Optional.empty(), Optional.empty(), 1)).toList();
  }
}
