package dev.polystore.search.api;

import dev.polystore.search.domain.AttributeValue;
import dev.polystore.search.domain.FilterOperator;
import dev.polystore.search.domain.NewDocument;
import dev.polystore.search.domain.ScoredHit;
import dev.polystore.search.domain.SearchFilter;
import dev.polystore.search.domain.SearchMode;
import dev.polystore.search.domain.SearchQuery;
import dev.polystore.search.v1.Comparison;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.Operator;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.SearchHit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Protobuf messages to domain values and back; no rules (the contract and the domain hold them). */
final class SearchMessages {
  private SearchMessages() {}

  static NewDocument document(Document document) {
    return new NewDocument(document.getId(), document.getText(), floats(document.getVectorList()),
        attributes(document.getAttributesMap()));
  }

  static SearchQuery query(QueryRequest request) {
    return new SearchQuery(request.getText(), floats(request.getVectorList()), request.getTopK(),
        request.hasFilter() ? filter(request.getFilter()) : null, mode(request.getMode()));
  }

  static SearchHit hit(ScoredHit hit) {
    SearchHit.Builder out = SearchHit.newBuilder().setId(hit.id()).setScore(hit.score()).setText(hit.text());
    hit.attributes().forEach((name, value) -> out.putAttributes(name, attribute(value)));
    return out.build();
  }

  static QueryMode mode(SearchMode mode) {
    return switch (mode) {
      case VECTOR -> QueryMode.QUERY_MODE_VECTOR;
      case FULL_TEXT -> QueryMode.QUERY_MODE_FULL_TEXT;
      case HYBRID -> QueryMode.QUERY_MODE_HYBRID;
    };
  }

  private static SearchMode mode(QueryMode mode) {
    return switch (mode) {
      case QUERY_MODE_VECTOR -> SearchMode.VECTOR;
      case QUERY_MODE_FULL_TEXT -> SearchMode.FULL_TEXT;
      case QUERY_MODE_HYBRID -> SearchMode.HYBRID;
      default -> null; // unspecified: the domain chooses from what the query has
    };
  }

  private static SearchFilter filter(dev.polystore.search.v1.Filter filter) {
    return switch (filter.getKindCase()) {
      case COMPARISON -> comparison(filter.getComparison());
      case ALL_OF -> new SearchFilter.AllOf(filter.getAllOf().getFiltersList().stream().map(SearchMessages::filter).toList());
      case ANY_OF -> new SearchFilter.AnyOf(filter.getAnyOf().getFiltersList().stream().map(SearchMessages::filter).toList());
      case NOT -> new SearchFilter.Not(filter(filter.getNot()));
      case KIND_NOT_SET -> throw new IllegalStateException("the contract requires a filter kind");
    };
  }

  private static SearchFilter comparison(Comparison comparison) {
    FilterOperator operator = switch (comparison.getOperator()) {
      case OPERATOR_EQ -> FilterOperator.EQ;
      case OPERATOR_NOT_EQ -> FilterOperator.NOT_EQ;
      case OPERATOR_LT -> FilterOperator.LT;
      case OPERATOR_LTE -> FilterOperator.LTE;
      case OPERATOR_GT -> FilterOperator.GT;
      case OPERATOR_GTE -> FilterOperator.GTE;
      case OPERATOR_IN -> FilterOperator.IN;
      case OPERATOR_NOT_IN -> FilterOperator.NOT_IN;
      case OPERATOR_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalStateException("the contract requires an operator");
    };
    return new SearchFilter.Comparison(comparison.getAttribute(), operator,
        comparison.getValuesList().stream().map(SearchMessages::attribute).toList());
  }

  private static Map<String, AttributeValue> attributes(Map<String, dev.polystore.search.v1.AttributeValue> attributes) {
    Map<String, AttributeValue> out = new HashMap<>();
    attributes.forEach((name, value) -> out.put(name, attribute(value)));
    return out;
  }

  private static AttributeValue attribute(dev.polystore.search.v1.AttributeValue value) {
    return switch (value.getKindCase()) {
      case STRING_VALUE -> AttributeValue.of(value.getStringValue());
      case INT_VALUE -> AttributeValue.of(value.getIntValue());
      case DOUBLE_VALUE -> AttributeValue.of(value.getDoubleValue());
      case BOOL_VALUE -> AttributeValue.of(value.getBoolValue());
      case KIND_NOT_SET -> throw new IllegalStateException("the contract requires an attribute value");
    };
  }

  private static dev.polystore.search.v1.AttributeValue attribute(AttributeValue value) {
    var out = dev.polystore.search.v1.AttributeValue.newBuilder();
    switch (value.kind()) {
      case STRING -> out.setStringValue(value.asString());
      case INT -> out.setIntValue(value.asLong());
      case FLOAT -> out.setDoubleValue(value.asDouble());
      case BOOL -> out.setBoolValue(value.asBoolean());
    }
    return out.build();
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
