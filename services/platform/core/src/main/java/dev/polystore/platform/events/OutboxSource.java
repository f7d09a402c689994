package dev.polystore.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A service's outbox as the {@link OutboxRelay} drains it (PostgreSQL, Cassandra). */
public interface OutboxSource {
  /**
   * Claims up to {@code max} unsent rows, oldest first, that no other relay holds, hands them to
   * {@code publish} and marks them sent once it returned. When {@code publish} throws, the rows stay
   * unsent (some may have been published: delivery is at least once). Returns how many were sent.
   */
  int relay(int max, Publisher publish);

  /** Rows sent at or after {@code since}, after {@code after} (null: from the first) in id order: to publish again. */
  List<OutboxRow> sentSince(Instant since, UUID after, int max);

  /** Deletes up to {@code max} rows sent before {@code before}; returns how many. */
  int purgeSentBefore(Instant before, int max);

  /** When the oldest unsent row was written, if any: the relay's lag. */
  Optional<Instant> oldestUnsent();

  /** Publishes a batch or throws. */
  @FunctionalInterface
  interface Publisher {
    void publish(List<OutboxRow> rows);
  }
}
