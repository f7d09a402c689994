package dev.polystore.activity.store;

import dev.polystore.activity.domain.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Merges the events of a day's partitions (its buckets, and the table before them) into one list. */
final class EventMerge {
  /** Newest first, as the partitions cluster them: occurred_at, then event_id, both descending. */
  static final Comparator<Event> NEWEST_FIRST =
      Comparator.comparing(Event::occurredAt).thenComparing(Event::eventId).reversed();

  private EventMerge() {}

  /**
   * The first {@code limit} events of the union of {@code partitions}, each newest first and
   * holding its own first {@code limit} (or all it has): every event of the union's first
   * {@code limit} is among its own partition's first {@code limit}, so nothing is missed. An event
   * in two partitions (rewritten into a bucket by a repeat after V3, or after the bucket count
   * grew) appears once.
   */
  static List<Event> newestFirst(List<List<Event>> partitions, int limit) {
    List<Event> all = new ArrayList<>();
    partitions.forEach(all::addAll);
    all.sort(NEWEST_FIRST);
    List<Event> merged = new ArrayList<>(Math.min(limit, all.size()));
    Event last = null;
    for (Event event : all) {
      if (merged.size() == limit) {
        break;
      }
      // Same occurred_at and event id: the same event (one id, one first copy, in event_ids).
      if (last != null && last.eventId().equals(event.eventId()) && last.occurredAt().equals(event.occurredAt())) {
        continue;
      }
      merged.add(event);
      last = event;
    }
    return merged;
  }
}
