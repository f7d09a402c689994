package dev.polystore.platform.vector.turbopuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TurbopufferRetryTest {
  private final TurbopufferRetry retry = new TurbopufferRetry(Duration.ofMillis(500));

  @Test
  void retriesWhatTheOfficialSdksRetry() {
    for (int status : new int[] {408, 409, 429, 500, 502, 503, 504}) {
      assertTrue(TurbopufferRetry.retryable(status), "HTTP " + status);
    }
    for (int status : new int[] {400, 401, 403, 404, 413, 422}) {
      assertFalse(TurbopufferRetry.retryable(status), "HTTP " + status);
    }
  }

  @Test
  void takesTheServersWaitOfAtMostAMinute() {
    assertEquals(Optional.of(Duration.ofMillis(1500)), TurbopufferRetry.serverWait(headers(Map.of(
        "retry-after-ms", "1500", "retry-after", "9"))));
    assertEquals(Optional.of(Duration.ofSeconds(9)), TurbopufferRetry.serverWait(headers(Map.of("retry-after", "9"))));
    String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
    Duration untilDate = TurbopufferRetry.serverWait(headers(Map.of("retry-after", inTenSeconds))).orElseThrow();
    assertTrue(untilDate.compareTo(Duration.ofSeconds(11)) < 0 && untilDate.compareTo(Duration.ofSeconds(8)) > 0,
        untilDate.toString());
    assertEquals(Optional.empty(), TurbopufferRetry.serverWait(headers(Map.of("retry-after", "61"))));
    assertEquals(Optional.empty(), TurbopufferRetry.serverWait(headers(Map.of("retry-after", "soon"))));
  }

  @Test
  void backsOffExponentiallyToEightSecondsWithAQuarterOfJitter() {
    Duration first = retry.wait(1, Optional.empty());
    assertTrue(first.toMillis() > 375 && first.toMillis() <= 500, first.toString());
    Duration third = retry.wait(3, Optional.empty());
    assertTrue(third.toMillis() > 1500 && third.toMillis() <= 2000, third.toString());
    Duration tenth = retry.wait(10, Optional.empty());
    assertTrue(tenth.toMillis() > 6000 && tenth.toMillis() <= 8000, tenth.toString());
    assertEquals(Duration.ofSeconds(3), retry.wait(1, Optional.of(headers(Map.of("retry-after", "3")))));
  }

  private static HttpHeaders headers(Map<String, String> values) {
    return HttpHeaders.of(values.entrySet().stream().collect(Collectors.toMap(
        Map.Entry::getKey, e -> List.of(e.getValue()))), (name, value) -> true);
  }
}
