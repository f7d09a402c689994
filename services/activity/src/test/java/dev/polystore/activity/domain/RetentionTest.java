package dev.polystore.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private final Retention retention = new Retention(Duration.ofDays(90), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void everyCopyOfAnEventExpiresRetentionAfterItOccurred() {
    assertEquals(Duration.ofDays(90), retention.ttl(NOW));
    assertEquals(Duration.ofDays(90).minusHours(30), retention.ttl(NOW.minus(Duration.ofHours(30))));
  }

  @Test
  void ttlsAreWholeSecondsAndAtLeastOne() {
    assertEquals(Duration.ofDays(90).minusSeconds(1), retention.ttl(NOW.minusMillis(1)));
    assertEquals(Duration.ofSeconds(1), retention.ttl(NOW.minus(Duration.ofDays(91))));
  }

  @Test
  void nothingOlderThanTheRetentionIsKept() {
    assertEquals(NOW.minus(Duration.ofDays(90)), retention.oldestKept());
  }
}
