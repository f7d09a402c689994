package dev.polystore.search.domain;

/**
 * How a filter comparison matches. NOT_EQ and NOT_IN match documents without the attribute. The
 * operator knows which rules apply to it: how many values it takes, and whether it needs an order.
 */
public enum FilterOperator {
  EQ,
  NOT_EQ,
  LT,
  LTE,
  GT,
  GTE,
  IN,
  NOT_IN;

  /** IN and NOT_IN compare with a set of values; every other operator with exactly one. */
  boolean takesSet() {
    return this == IN || this == NOT_IN;
  }

  /** LT, LTE, GT and GTE need values that have an order (booleans have none). */
  boolean needsOrder() {
    return this == LT || this == LTE || this == GT || this == GTE;
  }
}
