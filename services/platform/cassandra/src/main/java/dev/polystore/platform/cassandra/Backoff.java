package dev.polystore.platform.cassandra;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) wait a random time up to
 * {@code min(max, base * 2^(n-1))}. Jitter keeps a crowd of clients that failed together from
 * retrying together, which matters most when the store is throttling.
 *
 * @param base the cap of the first wait
 * @param max the cap of any wait
 * @param retries how many retries follow the first attempt
 */
public record Backoff(Duration base, Duration max, int retries) {
  /** For requests inside a call deadline: three retries, about 350 ms of waiting at worst. */
  public static final Backoff REQUESTS = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 3);

  /** The longest wait before retry {@code retry} (1-based). */
  public Duration cap(int retry) {
    long millis = base.toMillis() << Math.min(retry - 1, 20);
    return Duration.ofMillis(Math.min(max.toMillis(), millis));
  }

  /** A random wait before retry {@code retry} (1-based), between zero and {@link #cap}. */
  public Duration delay(int retry) {
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap(retry).toMillis() + 1));
  }
}
