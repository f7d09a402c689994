package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void capsDoubleUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 5);
    assertEquals(Duration.ofMillis(50), backoff.cap(1));
    assertEquals(Duration.ofMillis(100), backoff.cap(2));
    assertEquals(Duration.ofMillis(200), backoff.cap(3));
    assertEquals(Duration.ofMillis(300), backoff.cap(4));
    assertEquals(Duration.ofMillis(300), backoff.cap(40));
  }

  @Test
  void delaysAreJitteredBetweenZeroAndTheCap() {
    Backoff backoff = Backoff.REQUESTS;
    for (int retry = 1; retry <= backoff.retries(); retry++) {
      for (int i = 0; i < 200; i++) {
        Duration delay = backoff.delay(retry);
        assertTrue(!delay.isNegative() && delay.compareTo(backoff.cap(retry)) <= 0, delay + " for retry " + retry);
      }
    }
  }
}
