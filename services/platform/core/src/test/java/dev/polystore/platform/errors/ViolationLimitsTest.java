package dev.polystore.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ViolationLimitsTest {
  @Test
  void manyViolationsAreCutToTheLimitAndTheRestCounted() {
    List<FieldViolation> many = IntStream.range(0, 20_000)
        .mapToObj(i -> new FieldViolation("events[" + i + "].type", "string.min_len", "value length must be at least 1"))
        .toList();
    ServiceException e = ServiceException.invalid(many);
    assertEquals(ViolationLimits.MAX_VIOLATIONS + 1, e.violations().size());
    assertEquals("events[0].type", e.violations().get(0).field());
    FieldViolation last = e.violations().get(ViolationLimits.MAX_VIOLATIONS);
    assertEquals(ViolationLimits.TRUNCATED_RULE, last.rule());
    assertEquals((20_000 - ViolationLimits.MAX_VIOLATIONS) + " more violations not shown", last.description());
    assertTrue(e.getMessage().length() < 4_000, "message of " + e.getMessage().length() + " chars");
  }

  @Test
  void longFieldsAndDescriptionsAreClipped() {
    String huge = "x".repeat(100_000);
    FieldViolation v = ServiceException.invalid(List.of(new FieldViolation(huge, "r", huge))).violations().get(0);
    assertEquals(ViolationLimits.MAX_FIELD_CHARS, v.field().length());
    assertEquals(ViolationLimits.MAX_DESCRIPTION_CHARS, v.description().length());
  }

  @Test
  void aFewViolationsPassUnchanged() {
    List<FieldViolation> few = List.of(new FieldViolation("email", "string.email", "must be an email"));
    assertEquals(few, ServiceException.invalid(few).violations());
  }
}
