package dev.polystore.platform.vector.lucene;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.Filter;
import dev.polystore.platform.vector.NamespaceSchema;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/** A {@link Filter} as a Lucene query that matches without scoring, with turbopuffer's semantics. */
final class LuceneFilters {
  private LuceneFilters() {}

  static Query toQuery(Filter filter, NamespaceSchema schema) {
    if (filter instanceof Filter.Comparison comparison) {
      return comparison(comparison, schema);
    }
    if (filter instanceof Filter.All all) {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      all.filters().forEach(f -> builder.add(toQuery(f, schema), Occur.FILTER));
      return builder.build();
    }
    if (filter instanceof Filter.Any any) {
      BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
      any.filters().forEach(f -> builder.add(toQuery(f, schema), Occur.SHOULD));
      return builder.build();
    }
    return not(toQuery(((Filter.Not) filter).filter(), schema));
  }

  private static Query comparison(Filter.Comparison comparison, NamespaceSchema schema) {
    AttributeType type = schema.attributes().get(comparison.attribute());
    boolean negated = comparison.operator() == Filter.Operator.NOT_EQ
        || comparison.operator() == Filter.Operator.NOT_IN;
    if (type == null) {
      // No document has the attribute: it equals nothing, and differs from everything.
      return negated ? new MatchAllDocsQuery() : new MatchNoDocsQuery("no document has " + comparison.attribute());
    }
    for (AttributeValue value : comparison.values()) {
      if (value.type() != type) {
        throw new IllegalArgumentException("filter on " + comparison.attribute() + " compares a " + type
            + " attribute with a " + value.type() + " value");
      }
    }
    String field = LuceneDocuments.attributeField(comparison.attribute());
    AttributeValue first = comparison.values().get(0);
    return switch (comparison.operator()) {
      case EQ -> exact(field, first);
      case NOT_EQ -> not(exact(field, first));
      case IN -> set(field, type, comparison.values());
      case NOT_IN -> not(set(field, type, comparison.values()));
      case LT -> range(field, first, true, false);
      case LTE -> range(field, first, true, true);
      case GT -> range(field, first, false, false);
      case GTE -> range(field, first, false, true);
    };
  }

  private static Query not(Query query) {
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.FILTER)
        .add(query, Occur.MUST_NOT)
        .build();
  }

  private static Query exact(String field, AttributeValue value) {
    return switch (value.type()) {
      case STRING -> new TermQuery(new Term(field, value.asString()));
      case BOOL -> new TermQuery(new Term(field, Boolean.toString(value.asBoolean())));
      case INT -> LongPoint.newExactQuery(field, value.asLong());
      case FLOAT -> DoublePoint.newExactQuery(field, value.asDouble());
    };
  }

  private static Query set(String field, AttributeType type, List<AttributeValue> values) {
    return switch (type) {
      case STRING, BOOL -> new TermInSetQuery(field, values.stream()
          .map(v -> new BytesRef(type == AttributeType.STRING ? v.asString() : Boolean.toString(v.asBoolean())))
          .toList());
      case INT -> LongPoint.newSetQuery(field, values.stream().mapToLong(AttributeValue::asLong).toArray());
      case FLOAT -> DoublePoint.newSetQuery(field, values.stream().mapToDouble(AttributeValue::asDouble).toArray());
    };
  }

  /** Values below ({@code below}) or above the bound, the bound itself when {@code inclusive}. */
  private static Query range(String field, AttributeValue bound, boolean below, boolean inclusive) {
    switch (bound.type()) {
      case INT -> {
        long v = bound.asLong();
        if (below) {
          return inclusive ? LongPoint.newRangeQuery(field, Long.MIN_VALUE, v)
              : v == Long.MIN_VALUE ? new MatchNoDocsQuery() : LongPoint.newRangeQuery(field, Long.MIN_VALUE, v - 1);
        }
        return inclusive ? LongPoint.newRangeQuery(field, v, Long.MAX_VALUE)
            : v == Long.MAX_VALUE ? new MatchNoDocsQuery() : LongPoint.newRangeQuery(field, v + 1, Long.MAX_VALUE);
      }
      case FLOAT -> {
        double v = bound.asDouble();
        return below
            ? DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, inclusive ? v : Math.nextDown(v))
            : DoublePoint.newRangeQuery(field, inclusive ? v : Math.nextUp(v), Double.POSITIVE_INFINITY);
      }
      case STRING -> {
        // BytesRef order is UTF-8 byte order, as the contract says.
        return below
            ? TermRangeQuery.newStringRange(field, null, bound.asString(), true, inclusive)
            : TermRangeQuery.newStringRange(field, bound.asString(), null, inclusive, true);
      }
      default -> throw new IllegalArgumentException("booleans have no order: " + field);
    }
  }
}
