package dev.polystore.activity.domain;

import java.util.List;
import java.util.UUID;

/** Daily counts per event type over a range of UTC days ({@link DayRange} checks the range). */
public final class EventCounts {
  private final EventStore store;

  public EventCounts(EventStore store) {
    this.store = store;
  }

  public List<DailyCount> daily(UUID workspaceId, String startDate, String endDate) {
    DayRange range = DayRange.parse(startDate, endDate);
    return store.counts(workspaceId, range.first(), range.last());
  }
}
