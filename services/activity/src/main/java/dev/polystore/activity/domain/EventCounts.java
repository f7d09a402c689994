package dev.polystore.activity.domain;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Daily counts per event type over a range of UTC days. The contract checks the dates' shape;
 * this checks that they are real days, in order, and at most {@link #MAX_DAYS} apart.
 */
public final class EventCounts {
  static final int MAX_DAYS = 366;

  private final EventStore store;

  public EventCounts(EventStore store) {
    this.store = store;
  }

  public List<DailyCount> daily(UUID workspaceId, String startDate, String endDate) {
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate start = date("start_date", startDate, violations);
    LocalDate end = date("end_date", endDate, violations);
    if (start != null && end != null) {
      if (end.isBefore(start)) {
        violations.add(new FieldViolation("end_date", "end_date.not_before_start", "must not be before start_date"));
      } else if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
        violations.add(new FieldViolation("end_date", "end_date.range",
            "must be at most " + MAX_DAYS + " days after start_date"));
      }
    }
    if (!violations.isEmpty()) {
      throw ServiceException.invalid(violations);
    }
    return store.counts(workspaceId, start, end);
  }

  private static LocalDate date(String field, String value, List<FieldViolation> violations) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation(field, field + ".date", "is not a calendar date (YYYY-MM-DD)"));
      return null;
    }
  }
}
