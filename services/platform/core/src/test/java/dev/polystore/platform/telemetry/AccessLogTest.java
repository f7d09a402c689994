package dev.polystore.platform.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AccessLogTest {
  @Test
  void durationsReadAsMillisecondsWithThreeDecimals() {
    assertEquals("0.000", AccessLog.millis(0));
    assertEquals("0.007", AccessLog.millis(7));
    assertEquals("0.042", AccessLog.millis(42));
    assertEquals("1.500", AccessLog.millis(1_500));
    assertEquals("265.141", AccessLog.millis(265_141));
    for (long micros : new long[] {1, 99, 100, 999, 1_000, 1_001, 12_345_678}) {
      assertEquals(String.format(Locale.ROOT, "%.3f", micros / 1e3), AccessLog.millis(micros), "for " + micros + " µs");
    }
  }
}
