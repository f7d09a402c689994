package dev.polystore.platform.vector.turbopuffer;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a turbopuffer request again, and after how long, as turbopuffer's official SDKs do:
 * on 408, 409, 429 and 5xx (and when the connection fails), after the server's {@code retry-after-ms}
 * or {@code retry-after} when it gives one of at most a minute, else after an exponential backoff
 * from {@code initial} doubling to 8 s, less up to a quarter of jitter.
 */
final class TurbopufferRetry {
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  private static final Duration LONGEST_SERVER_WAIT = Duration.ofSeconds(60);

  private final Duration initial;

  TurbopufferRetry(Duration initial) {
    this.initial = initial;
  }

  static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** The wait before retry {@code retry} (1-based), from the failed answer's headers when it had any. */
  Duration wait(int retry, Optional<HttpHeaders> headers) {
    return headers.flatMap(TurbopufferRetry::serverWait).orElseGet(() -> backoff(retry));
  }

  private Duration backoff(int retry) {
    long capped = Math.min(MAX_BACKOFF.toMillis(), initial.toMillis() << Math.min(retry - 1, 20));
    double jitter = 1 - 0.25 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (capped * jitter));
  }

  /** {@code retry-after-ms} (milliseconds), else {@code retry-after} (seconds or an HTTP date); only 0 to 60 s. */
  static Optional<Duration> serverWait(HttpHeaders headers) {
    Optional<Duration> wait = headers.firstValue("retry-after-ms").flatMap(value -> number(value, 1))
        .or(() -> headers.firstValue("retry-after").flatMap(value -> number(value, 1_000).or(() -> date(value))));
    return wait.filter(d -> !d.isNegative() && d.compareTo(LONGEST_SERVER_WAIT) <= 0);
  }

  private static Optional<Duration> number(String value, int millisPerUnit) {
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * millisPerUnit)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> date(String value) {
    try {
      return Optional.of(Duration.between(ZonedDateTime.now(),
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
