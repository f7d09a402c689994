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
   * Takes the right to publish again after a wipe for {@code lease}: true for one relay among
   * several; when it dies, another takes over after the lease.
   */
  boolean claimRepublish(Duration lease);

  /**
   * Extends this relay's lease; false when it is no longer there (another wipe meanwhile, which
   * took what was published again with it) or another relay's.
   */
  boolean renewRepublish(Duration lease);

  /**
   * Sets the marker for good once everything within the retention is published again; does nothing
   * when the marker is gone (a wipe since the last renewal), so the next round starts over. True
   * when it was set.
   */
  boolean markIntact();

  @Override
  void close();
}
