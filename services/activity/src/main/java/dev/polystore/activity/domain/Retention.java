package dev.polystore.activity.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How long events are kept, counted from when they occurred: every copy of an event expires at
 * the same instant, however late or often it is recorded.
 */
public final class Retention {
  /** A store's TTLs are whole seconds; an event is kept at least this long even when late. */
  private static final Duration SHORTEST_TTL = Duration.ofSeconds(1);

  private final Duration period;
  private final Clock clock;

  public Retention(Duration period, Clock clock) {
    if (period.compareTo(SHORTEST_TTL) < 0) {
      throw new IllegalArgumentException("retention must be at least " + SHORTEST_TTL + ", was " + period);
    }
    this.period = period;
    this.clock = clock;
  }

  public Duration period() {
    return period;
  }

  /** The TTL of an event that occurred at {@code occurredAt}, as of now. */
  public Duration ttl(Instant occurredAt) {
    Duration left = Duration.between(clock.instant(), occurredAt.plus(period));
    return left.compareTo(SHORTEST_TTL) < 0 ? SHORTEST_TTL : left.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The oldest occurrence time whose events are still kept. */
  public Instant oldestKept() {
    return clock.instant().minus(period);
  }
}
