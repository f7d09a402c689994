package dev.polystore.activity.domain;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * UTC days from {@code first} to {@code last}, both included. The contract checks the dates'
 * shape (YYYY-MM-DD); this checks that they are real days, in order, and at most
 * {@link #MAX_DAYS} apart, naming start_date or end_date.
 */
public record DayRange(LocalDate first, LocalDate last) {
  static final int MAX_DAYS = 366;

  public static DayRange parse(String startDate, String endDate) {
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate first = date("start_date", startDate, violations);
    LocalDate last = date("end_date", endDate, violations);
    if (first != null && last != null) {
      if (last.isBefore(first)) {
        violations.add(new FieldViolation("end_date", "end_date.not_before_start", "must not be before start_date"));
      } else if (ChronoUnit.DAYS.between(first, last) > MAX_DAYS) {
        violations.add(new FieldViolation("end_date", "end_date.range",
            "must be at most " + MAX_DAYS + " days after start_date"));
      }
    }
    if (!violations.isEmpty()) {
      throw ServiceException.invalid(violations);
    }
    return new DayRange(first, last);
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
