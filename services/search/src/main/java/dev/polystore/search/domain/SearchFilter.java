package dev.polystore.search.domain;

import java.util.List;

/**
 * A query's condition on the documents' attributes: comparisons combined by all-of, any-of and not,
 * as the contract's filter is. The rules it must follow (depth, values, kinds) are in FilterRules.
 */
public sealed interface SearchFilter
    permits SearchFilter.Comparison, SearchFilter.AllOf, SearchFilter.AnyOf, SearchFilter.Not {

  /** An attribute against one value, or against a set for IN and NOT_IN. */
  record Comparison(String attribute, FilterOperator operator, List<AttributeValue> values) implements SearchFilter {
    public Comparison {
      values = List.copyOf(values);
    }
  }

  /** Every filter holds. */
  record AllOf(List<SearchFilter> filters) implements SearchFilter {
    public AllOf {
      filters = List.copyOf(filters);
    }
  }

  /** At least one filter holds. */
  record AnyOf(List<SearchFilter> filters) implements SearchFilter {
    public AnyOf {
      filters = List.copyOf(filters);
    }
  }

  /** The filter does not hold. */
  record Not(SearchFilter filter) implements SearchFilter {}
}
