package dev.polystore.platform.vector;

import java.util.List;

/** A condition on attributes, as turbopuffer's filters express it. */
public sealed interface Filter permits Filter.Comparison, Filter.All, Filter.Any, Filter.Not {
  /** How a comparison matches. NOT_EQ and NOT_IN match documents without the attribute. */
  enum Operator { EQ, NOT_EQ, LT, LTE, GT, GTE, IN, NOT_IN }

  /** An attribute against one value, or against a set for IN and NOT_IN; values have the attribute's type. */
  record Comparison(String attribute, Operator operator, List<AttributeValue> values) implements Filter {
    public Comparison {
      values = List.copyOf(values);
    }
  }

  /** Every filter holds. */
  record All(List<Filter> filters) implements Filter {
    public All {
      filters = List.copyOf(filters);
    }
  }

  /** At least one filter holds. */
  record Any(List<Filter> filters) implements Filter {
    public Any {
      filters = List.copyOf(filters);
    }
  }

  /** The filter does not hold. */
  record Not(Filter filter) implements Filter {}
}
