package dev.polystore.search.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterRulesTest {
  private static final SearchFilter COMPARISON =
      new SearchFilter.Comparison("color", FilterOperator.EQ, List.of(AttributeValue.of("red")));

  @Test
  void aFilterAsWideAndDeepAsTheContractAllowsIsRefusedWithOneViolation() {
    SearchFilter filter = COMPARISON;
    for (int level = 0; level < 3; level++) {
      filter = new SearchFilter.AllOf(Collections.nCopies(16, filter)); // 16^3 = 4,096 comparisons
    }
    SearchFilter wide = filter;
    ServiceException e = assertThrows(ServiceException.class, () -> check(wide));
    assertEquals(List.of(new FieldViolation("filter", "filter.size",
        "a filter holds at most 64 comparisons; this one holds 4096")), e.violations());
  }

  @Test
  void sixtyFourComparisonsPass() {
    check(new SearchFilter.AnyOf(Collections.nCopies(4, new SearchFilter.AllOf(Collections.nCopies(16, COMPARISON)))));
  }

  private static void check(SearchFilter filter) {
    Violations violations = new Violations();
    FilterRules.check(filter, null, violations);
    violations.throwIfAny();
  }
}
