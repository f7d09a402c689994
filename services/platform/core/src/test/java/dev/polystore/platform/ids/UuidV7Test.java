package dev.polystore.platform.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UuidV7Test {
  private static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

  @Test
  void isAVersion7UuidOfTheCurrentMillisecond() {
    UUID id = new UuidV7(fixed(NOW), new Random(1)).next();

    assertEquals(7, id.version());
    assertEquals(2, id.variant());
    assertEquals(NOW, UuidV7.millis(id));
  }

  @Test
  void increasesStrictlyWithinOneMillisecondAndPastItsCounter() {
    UuidV7 ids = new UuidV7(fixed(NOW), new Random(2));
    UUID previous = ids.next();
    // More than the 4096 counter values of one millisecond: the generator borrows the next one.
    for (int i = 0; i < 10_000; i++) {
      UUID next = ids.next();
      assertTrue(UuidV7.compare(previous, next) < 0, previous + " then " + next);
      previous = next;
    }
    assertTrue(UuidV7.millis(previous) > NOW);
  }

  @Test
  void increasesWhenTheClockStepsBack() {
    AtomicLong millis = new AtomicLong(NOW);
    UuidV7 ids = new UuidV7(ticking(millis), new Random(3));
    UUID before = ids.next();

    millis.set(NOW - 60_000);
    UUID after = ids.next();

    assertTrue(UuidV7.compare(before, after) < 0);
  }

  @Test
  void followsAFloorFromAClockAhead() {
    UuidV7 ahead = new UuidV7(fixed(NOW + 5_000), new Random(4));
    UuidV7 behind = new UuidV7(fixed(NOW), new Random(5));
    UUID floor = ahead.next();

    UUID id = behind.nextAfter(floor);

    assertTrue(UuidV7.compare(floor, id) < 0);
    assertTrue(UuidV7.compare(id, behind.next()) < 0);
  }

  @Test
  void comparesAsPostgresDoesUnsigned() {
    UUID low = UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff");
    UUID high = UUID.fromString("80000000-0000-7000-8000-000000000000");

    assertTrue(UuidV7.compare(low, high) < 0);
    assertTrue(low.compareTo(high) > 0, "java.util.UUID compares signed, which is why compare exists");
  }

  private static Clock fixed(long millis) {
    return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static Clock ticking(AtomicLong millis) {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
      }
    };
  }
}
