package dev.polystore.search.store;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.Filter;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.SchemaConflictException;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import dev.polystore.search.domain.AttributeKind;
import dev.polystore.search.domain.AttributeValue;
import dev.polystore.search.domain.DocumentBatch;
import dev.polystore.search.domain.FilterOperator;
import dev.polystore.search.domain.IndexSchema;
import dev.polystore.search.domain.IndexedDocument;
import dev.polystore.search.domain.RankedQuery;
import dev.polystore.search.domain.Ranking;
import dev.polystore.search.domain.SchemaConflict;
import dev.polystore.search.domain.ScoredHit;
import dev.polystore.search.domain.SearchFilter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The search domain's values to the vector binding's and back. The only place that knows both, so
 * that the domain keeps its own words and the binding can change without the rules noticing.
 * Enums are mapped constant by constant, not by name, so that a renamed constant breaks here.
 */
final class VectorMapping {
  /** Each domain kind with the binding's type that means the same; both directions read this one table. */
  private static final Map<AttributeKind, AttributeType> TYPE_OF_KIND = new EnumMap<>(Map.of(
      AttributeKind.STRING, AttributeType.STRING,
      AttributeKind.INT, AttributeType.INT,
      AttributeKind.FLOAT, AttributeType.FLOAT,
      AttributeKind.BOOL, AttributeType.BOOL));
  private static final Map<AttributeType, AttributeKind> KIND_OF_TYPE = new EnumMap<>(AttributeType.class);

  static {
    TYPE_OF_KIND.forEach((kind, type) -> KIND_OF_TYPE.put(type, kind));
    if (TYPE_OF_KIND.size() != AttributeKind.values().length || KIND_OF_TYPE.size() != AttributeType.values().length) {
      throw new IllegalStateException("every attribute kind needs exactly one binding type, and back");
    }
  }

  private VectorMapping() {}

  static VectorQuery query(RankedQuery query) {
    return new VectorQuery(ranking(query.ranking()), query.filter() == null ? null : filter(query.filter()),
        query.topK(), mapValues(query.attributes(), TYPE_OF_KIND::get));
  }

  static WriteBatch batch(DocumentBatch batch) {
    return new WriteBatch(batch.upserts().stream().map(VectorMapping::document).toList(), batch.deletes());
  }

  static IndexSchema schema(NamespaceSchema schema) {
    return new IndexSchema(schema.dimension(), mapValues(schema.attributes(), KIND_OF_TYPE::get));
  }

  static ScoredHit hit(ScoredDocument hit) {
    return new ScoredHit(hit.id(), hit.score(), hit.text(), mapValues(hit.attributes(), VectorMapping::value));
  }

  /** The binding's refusal in the domain's words; the message (which names the document) is kept. */
  static SchemaConflict conflict(SchemaConflictException e) {
    SchemaConflict conflict = new SchemaConflict(e.getMessage());
    conflict.initCause(e);
    return conflict;
  }

  static Filter filter(SearchFilter filter) {
    if (filter instanceof SearchFilter.Comparison comparison) {
      return new Filter.Comparison(comparison.attribute(), operator(comparison.operator()),
          comparison.values().stream().map(VectorMapping::value).toList());
    } else if (filter instanceof SearchFilter.AllOf all) {
      return new Filter.All(all.filters().stream().map(VectorMapping::filter).toList());
    } else if (filter instanceof SearchFilter.AnyOf any) {
      return new Filter.Any(any.filters().stream().map(VectorMapping::filter).toList());
    } else {
      return new Filter.Not(filter(((SearchFilter.Not) filter).filter()));
    }
  }

  private static dev.polystore.platform.vector.Ranking ranking(Ranking ranking) {
    if (ranking instanceof Ranking.ByVector byVector) {
      return new dev.polystore.platform.vector.Ranking.Nearest(byVector.vector());
    }
    return new dev.polystore.platform.vector.Ranking.FullText(((Ranking.ByText) ranking).text());
  }

  private static VectorDocument document(IndexedDocument document) {
    return new VectorDocument(document.id(), document.vector(), document.text(),
        mapValues(document.attributes(), VectorMapping::value));
  }

  private static Filter.Operator operator(FilterOperator operator) {
    return switch (operator) {
      case EQ -> Filter.Operator.EQ;
      case NOT_EQ -> Filter.Operator.NOT_EQ;
      case LT -> Filter.Operator.LT;
      case LTE -> Filter.Operator.LTE;
      case GT -> Filter.Operator.GT;
      case GTE -> Filter.Operator.GTE;
      case IN -> Filter.Operator.IN;
      case NOT_IN -> Filter.Operator.NOT_IN;
    };
  }

  // The value objects are the same on both sides (String, Long, Double or Boolean), as the kinds say.
  private static dev.polystore.platform.vector.AttributeValue value(AttributeValue value) {
    return new dev.polystore.platform.vector.AttributeValue(TYPE_OF_KIND.get(value.kind()), value.value());
  }

  private static AttributeValue value(dev.polystore.platform.vector.AttributeValue value) {
    return new AttributeValue(KIND_OF_TYPE.get(value.type()), value.value());
  }

  /** Attributes by name, each value mapped. */
  private static <A, B> Map<String, B> mapValues(Map<String, A> attributes, Function<A, B> map) {
    Map<String, B> out = new HashMap<>();
    attributes.forEach((name, value) -> out.put(name, map.apply(value)));
    return out;
  }
}
