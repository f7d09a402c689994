package dev.polystore.platform.events;

import java.time.Duration;
import java.util.List;

/**
 * The stream a service's events go to (Valkey Streams), with a marker that tells whether the bus
 * still holds what was published: a wipe (FLUSHALL, a new cache) removes it with the stream.
 */
public interface EventBus extends AutoCloseable {
  /** Appends the rows in order, trimming the stream by length; throws when the bus is away. */
  void publish(List<OutboxRow> rows);

  /** Drops entries older than {@code retention}. */
  void trim(Duration retention);

  /** Whether the marker is there: false on a new or wiped bus. */
  boolean intact();

  /**
   * Takes (or renews) the right to publish again after a wipe for {@code lease}: true for one relay
   * among several; when it dies, another takes over after the lease.
   */
  boolean claimRepublish(Duration lease);

  /** Sets the marker for good: everything within the retention is published again. */
  void markIntact();

  @Override
  void close();
}
