package dev.polystore.platform.cassandra.outbox;

import java.util.UUID;

/**
 * The outbox's fixed partitions. Fixed for good: rows written under another count would sit in
 * partitions no relay reads. Eight lets up to eight instances share the relaying while an idle
 * relay's poll stays eight small reads.
 */
final class OutboxBuckets {
  static final int COUNT = 8;

  private OutboxBuckets() {}

  /** The outbox partition of a change: by its subject, so one subject's events keep their order. */
  static int ofSubject(UUID subjectId) {
    return Math.floorMod(subjectId.hashCode(), COUNT);
  }

  /** The outbox_sent partition of an event: by its id, so a page cursor (an event id) names its partition. */
  static int ofEvent(UUID eventId) {
    return Math.floorMod(eventId.hashCode(), COUNT);
  }
}
