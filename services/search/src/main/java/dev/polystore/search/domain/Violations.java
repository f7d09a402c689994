package dev.polystore.search.domain;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of a request, so that the caller learns them all at once. */
final class Violations {
  private final List<FieldViolation> found = new ArrayList<>();

  void add(String field, String rule, String description) {
    found.add(new FieldViolation(field, rule, description));
  }

  /** INVALID_ARGUMENT naming every field, when a rule was broken. */
  void throwIfAny() {
    if (!found.isEmpty()) {
      throw ServiceException.invalid(found);
    }
  }
}
