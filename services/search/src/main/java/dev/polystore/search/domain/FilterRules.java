package dev.polystore.search.domain;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.Filter;
import dev.polystore.platform.vector.NamespaceSchema;
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

  private FilterRules() {}

  /** The attributes the filter names. */
  static void collectAttributes(Filter filter, Set<String> out) {
    if (filter instanceof Filter.Comparison comparison) {
      out.add(comparison.attribute());
    } else if (filter instanceof Filter.All all) {
      all.filters().forEach(f -> collectAttributes(f, out));
    } else if (filter instanceof Filter.Any any) {
      any.filters().forEach(f -> collectAttributes(f, out));
    } else if (filter instanceof Filter.Not not) {
      collectAttributes(not.filter(), out);
    }
  }

  /** Checks the filter; {@code schema} null checks only what needs no schema. */
  static void check(Filter filter, NamespaceSchema schema, Violations violations) {
    check(filter, "filter", 1, schema, violations);
  }

  private static void check(Filter filter, String path, int depth, NamespaceSchema schema, Violations violations) {
    if (depth > MAX_DEPTH) {
      violations.add(path, "filter.depth", "filters nest at most " + MAX_DEPTH + " levels deep");
      return;
    }
    if (filter instanceof Filter.Comparison comparison) {
      comparison(comparison, path + ".comparison", schema, violations);
    } else if (filter instanceof Filter.All all) {
      list(all.filters(), path + ".all_of.filters", depth, schema, violations);
    } else if (filter instanceof Filter.Any any) {
      list(any.filters(), path + ".any_of.filters", depth, schema, violations);
    } else {
      check(((Filter.Not) filter).filter(), path + ".not", depth + 1, schema, violations);
    }
  }

  private static void list(List<Filter> filters, String path, int depth, NamespaceSchema schema, Violations violations) {
    for (int i = 0; i < filters.size(); i++) {
      check(filters.get(i), path + "[" + i + "]", depth + 1, schema, violations);
    }
  }

  private static void comparison(Filter.Comparison comparison, String path, NamespaceSchema schema,
      Violations violations) {
    Filter.Operator operator = comparison.operator();
    boolean isSet = operator == Filter.Operator.IN || operator == Filter.Operator.NOT_IN;
    if (!isSet && comparison.values().size() != 1) {
      violations.add(path + ".values", "comparison.values.single", operator + " compares with exactly one value");
    }
    AttributeType first = comparison.values().get(0).type();
    for (int i = 1; i < comparison.values().size(); i++) {
      if (comparison.values().get(i).type() != first) {
        violations.add(path + ".values[" + i + "]", "comparison.values.type", "all values of a comparison have one type");
      }
    }
    if (schema == null) {
      return;
    }
    AttributeType type = schema.attributes().get(comparison.attribute());
    if (type == null) {
      violations.add(path + ".attribute", "filter.attribute.known",
          "no document of this workspace has an attribute " + comparison.attribute());
      return;
    }
    List<AttributeValue> values = comparison.values();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).type() != type) {
        violations.add(path + ".values[" + i + "]", "filter.value.type",
            comparison.attribute() + " is a " + type + " attribute; this value is a " + values.get(i).type());
      }
    }
    boolean ordered = operator == Filter.Operator.LT || operator == Filter.Operator.LTE
        || operator == Filter.Operator.GT || operator == Filter.Operator.GTE;
    if (ordered && type == AttributeType.BOOL) {
      violations.add(path + ".operator", "filter.operator.order", "booleans have no order; use EQ or NOT_EQ");
    }
  }
}
