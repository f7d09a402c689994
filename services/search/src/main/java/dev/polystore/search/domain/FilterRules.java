package dev.polystore.search.domain;

import java.util.List;
import java.util.Set;

/**
 * The rules of a query's filter that the contract cannot express: nesting depth, one value for
 * single-value operators, one type per comparison, and (once the workspace's schema is known)
 * attributes that exist, with values of their type. Violations name the field as the contract
 * does: "filter.all_of.filters[1].comparison.values[0]".
 */
final class FilterRules {
  static final int MAX_DEPTH = 4;
  /**
   * The contract allows 16 filters a level and 4 levels, which multiply to 65,536 comparisons: an
   * evaluation cost out of all proportion to a query. Real filters are a handful of comparisons.
   */
  static final int MAX_COMPARISONS = 64;

  private FilterRules() {}

  /** The attributes the filter names. */
  static void collectAttributes(SearchFilter filter, Set<String> out) {
    if (filter instanceof SearchFilter.Comparison comparison) {
      out.add(comparison.attribute());
    } else if (filter instanceof SearchFilter.AllOf all) {
      all.filters().forEach(f -> collectAttributes(f, out));
    } else if (filter instanceof SearchFilter.AnyOf any) {
      any.filters().forEach(f -> collectAttributes(f, out));
    } else if (filter instanceof SearchFilter.Not not) {
      collectAttributes(not.filter(), out);
    }
  }

  /** Checks the filter; {@code schema} null checks only what needs no schema. */
  static void check(SearchFilter filter, IndexSchema schema, Violations violations) {
    int comparisons = comparisons(filter);
    if (comparisons > MAX_COMPARISONS) {
      // Checked first and alone: walking such a filter for other rules is the cost it must not have.
      violations.add("filter", "filter.size", "a filter holds at most " + MAX_COMPARISONS
          + " comparisons; this one holds " + comparisons);
      return;
    }
    check(filter, "filter", 1, schema, violations);
  }

  private static int comparisons(SearchFilter filter) {
    if (filter instanceof SearchFilter.Comparison) {
      return 1;
    } else if (filter instanceof SearchFilter.AllOf all) {
      return all.filters().stream().mapToInt(FilterRules::comparisons).sum();
    } else if (filter instanceof SearchFilter.AnyOf any) {
      return any.filters().stream().mapToInt(FilterRules::comparisons).sum();
    }
    return comparisons(((SearchFilter.Not) filter).filter());
  }

  private static void check(SearchFilter filter, String path, int depth, IndexSchema schema, Violations violations) {
    if (depth > MAX_DEPTH) {
      violations.add(path, "filter.depth", "filters nest at most " + MAX_DEPTH + " levels deep");
      return;
    }
    if (filter instanceof SearchFilter.Comparison comparison) {
      comparison(comparison, path + ".comparison", schema, violations);
    } else if (filter instanceof SearchFilter.AllOf all) {
      list(all.filters(), path + ".all_of.filters", depth, schema, violations);
    } else if (filter instanceof SearchFilter.AnyOf any) {
      list(any.filters(), path + ".any_of.filters", depth, schema, violations);
    } else {
      check(((SearchFilter.Not) filter).filter(), path + ".not", depth + 1, schema, violations);
    }
  }

  private static void list(List<SearchFilter> filters, String path, int depth, IndexSchema schema, Violations violations) {
    for (int i = 0; i < filters.size(); i++) {
      check(filters.get(i), path + "[" + i + "]", depth + 1, schema, violations);
    }
  }

  private static void comparison(SearchFilter.Comparison comparison, String path, IndexSchema schema,
      Violations violations) {
    FilterOperator operator = comparison.operator();
    if (!operator.takesSet() && comparison.values().size() != 1) {
      violations.add(path + ".values", "comparison.values.single", operator + " compares with exactly one value");
    }
    AttributeKind first = comparison.values().get(0).kind();
    for (int i = 1; i < comparison.values().size(); i++) {
      if (comparison.values().get(i).kind() != first) {
        violations.add(path + ".values[" + i + "]", "comparison.values.type", "all values of a comparison have one type");
      }
    }
    if (schema == null) {
      return;
    }
    AttributeKind type = schema.attributes().get(comparison.attribute());
    if (type == null) {
      violations.add(path + ".attribute", "filter.attribute.known",
          "no document of this workspace has an attribute " + comparison.attribute());
      return;
    }
    List<AttributeValue> values = comparison.values();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).kind() != type) {
        violations.add(path + ".values[" + i + "]", "filter.value.type",
            comparison.attribute() + " is a " + type + " attribute; this value is a " + values.get(i).kind());
      }
    }
    if (operator.needsOrder() && type == AttributeKind.BOOL) {
      violations.add(path + ".operator", "filter.operator.order", "booleans have no order; use EQ or NOT_EQ");
    }
  }
}
