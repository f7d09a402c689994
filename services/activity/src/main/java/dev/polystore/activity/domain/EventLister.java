package dev.polystore.activity.domain;

import dev.polystore.platform.errors.ServiceException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists events newest first across day partitions: it walks the UTC days of the range from the
 * newest down, asking the store for one day at a time, and continues on the next page exactly
 * after the last event it returned (keyset paging), so pages neither skip nor repeat events even
 * while new ones arrive. A page walks at most {@link #DAYS_PER_PAGE} days, which bounds the work
 * of one call over a long, sparse range; such a page may come back short, with a token.
 */
public final class EventLister {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int DAYS_PER_PAGE = 31;

  private final EventStore store;
  private final Retention retention;

  public EventLister(EventStore store, Retention retention) {
    this.store = store;
    this.retention = retention;
  }

  public EventPage list(EventQuery query) {
    if (!query.end().isAfter(query.start())) {
      throw ServiceException.invalid("end_time", "end_time.after_start", "must be after start_time");
    }
    int pageSize = query.pageSize() == 0 ? DEFAULT_PAGE_SIZE : query.pageSize();
    EventPosition position = EventCursor.decode(query);
    // Nothing older than the retention period is kept: no need to walk those days.
    Instant from = query.start().isAfter(retention.oldestKept()) ? query.start() : retention.oldestKept();
    List<Event> page = new ArrayList<>(pageSize);
    LocalDate day = dayOf(position.occurredAt());
    LocalDate lastDay = dayOf(from);
    int daysWalked = 0;
    while (!position.occurredAt().isBefore(from) && !day.isBefore(lastDay)) {
      if (daysWalked == DAYS_PER_PAGE) {
        return new EventPage(page, EventCursor.encode(query, position));
      }
      int wanted = pageSize - page.size();
      // One more than fits tells whether this day goes on after the page.
      List<Event> events = store.day(query.workspaceId(), day, query.type(), from, position, wanted + 1);
      if (events.size() > wanted) {
        page.addAll(events.subList(0, wanted));
        return new EventPage(page, EventCursor.encode(query, page.get(page.size() - 1).position()));
      }
      page.addAll(events);
      position = EventPosition.before(day.atStartOfDay(ZoneOffset.UTC).toInstant());
      day = day.minusDays(1);
      daysWalked++;
      if (page.size() == pageSize) {
        boolean more = !position.occurredAt().isBefore(from) && !day.isBefore(lastDay);
        return new EventPage(page, more ? EventCursor.encode(query, position) : "");
      }
    }
    return new EventPage(page, "");
  }

  static LocalDate dayOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
