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
import java.util.HashMap;
import java.util.Map;

/**
 * The search domain's values to the vector binding's and back. The only place that knows both, so
 * that the domain keeps its own words and the binding can change without the rules noticing.
 * Enums are mapped case by case, not by name, so that a renamed constant fails to compile here.
 */
final class VectorMapping {
  private VectorMapping() {}

  static VectorQuery query(RankedQuery query) {
    return new VectorQuery(ranking(query.ranking()), query.filter() == null ? null : filter(query.filter()),
        query.topK(), types(query.attributes()));
  }

  static WriteBatch batch(DocumentBatch batch) {
    return new WriteBatch(batch.upserts().stream().map(VectorMapping::document).toList(), batch.deletes());
  }

  static IndexSchema schema(NamespaceSchema schema) {
    Map<String, AttributeKind> kinds = new HashMap<>();
    schema.attributes().forEach((name, type) -> kinds.put(name, kind(type)));
    return new IndexSchema(schema.dimension(), kinds);
  }

  static ScoredHit hit(ScoredDocument hit) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    hit.attributes().forEach((name, value) -> attributes.put(name, value(value)));
    return new ScoredHit(hit.id(), hit.score(), hit.text(), attributes);
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
    Map<String, dev.polystore.platform.vector.AttributeValue> attributes = new HashMap<>();
    document.attributes().forEach((name, value) -> attributes.put(name, value(value)));
    return new VectorDocument(document.id(), document.vector(), document.text(), attributes);
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

  private static Map<String, AttributeType> types(Map<String, AttributeKind> kinds) {
    Map<String, AttributeType> types = new HashMap<>();
    kinds.forEach((name, kind) -> types.put(name, type(kind)));
    return types;
  }

  private static AttributeType type(AttributeKind kind) {
    return switch (kind) {
      case STRING -> AttributeType.STRING;
      case INT -> AttributeType.INT;
      case FLOAT -> AttributeType.FLOAT;
      case BOOL -> AttributeType.BOOL;
    };
  }

  private static AttributeKind kind(AttributeType type) {
    return switch (type) {
      case STRING -> AttributeKind.STRING;
      case INT -> AttributeKind.INT;
      case FLOAT -> AttributeKind.FLOAT;
      case BOOL -> AttributeKind.BOOL;
    };
  }

  // The value objects are the same on both sides (String, Long, Double or Boolean), as the kinds say.
  private static dev.polystore.platform.vector.AttributeValue value(AttributeValue value) {
    return new dev.polystore.platform.vector.AttributeValue(type(value.kind()), value.value());
  }

  private static AttributeValue value(dev.polystore.platform.vector.AttributeValue value) {
    return new AttributeValue(kind(value.type()), value.value());
  }
}
