package dev.polystore.activity.store;

import java.util.ArrayList;
import java.util.List;

/**
 * How many partitions one workspace's day (events_by_day_bucket) or month (daily_counts_bucket) is
 * spread over, and which one an event goes to. The bucket comes from the event id alone, so a
 * repeat of an event rewrites the same rows. {@link String#hashCode()} is specified by the JDK, so
 * every gateway agrees on it.
 *
 * <p>Reads ask buckets 0 to {@code count - 1}, so the count may grow (old rows stay in buckets
 * below the old count, which are still read) but must never shrink: rows in the dropped buckets
 * would no longer be read (docs/migrations.md).
 */
public record PartitionBuckets(int count) {
  public static final int MAX = 64;

  public PartitionBuckets {
    if (count < 1 || count > MAX) {
      throw new IllegalArgumentException("bucket count must be 1 to " + MAX + ", was " + count);
    }
  }

  short of(String eventId) {
    return (short) Math.floorMod(eventId.hashCode(), count);
  }

  List<Short> all() {
    List<Short> buckets = new ArrayList<>(count);
    for (short bucket = 0; bucket < count; bucket++) {
      buckets.add(bucket);
    }
    return buckets;
  }
}
