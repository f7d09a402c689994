package dev.polystore.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayRangeTest {

  @Test
  void aRangeOfRealDaysInOrder() {
    assertEquals(new DayRange(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1)), DayRange.parse("2026-02-28", "2026-03-01"));
    assertEquals(new DayRange(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 2)), DayRange.parse("2026-01-01", "2027-01-02"));
  }

  @Test
  void eachBadDateIsNamed() {
    assertEquals(List.of("start_date", "end_date"), fields("2026-02-30", "2026-13-01"));
  }

  @Test
  void theEndMayNotPrecedeTheStartNorLieMoreThan366DaysAfterIt() {
    assertEquals(List.of("end_date"), fields("2026-03-02", "2026-03-01"));
    assertEquals(List.of("end_date"), fields("2026-01-01", "2027-01-03"));
  }

  private static List<String> fields(String start, String end) {
    ServiceException e = assertThrows(ServiceException.class, () -> DayRange.parse(start, end));
    return e.violations().stream().map(FieldViolation::field).toList();
  }
}
