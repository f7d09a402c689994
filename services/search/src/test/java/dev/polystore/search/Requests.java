package dev.polystore.search;

import dev.polystore.search.v1.AttributeValue;
import dev.polystore.search.v1.Comparison;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.Filter;
import dev.polystore.search.v1.Operator;
import dev.polystore.search.v1.QueryResponse;
import dev.polystore.search.v1.SearchHit;
import java.util.List;

/** Short ways to build the contract's messages in tests. */
final class Requests {
  private Requests() {}

  static Document text(String id, String text) {
    return Document.newBuilder().setId(id).setText(text).build();
  }

  static Document vector(String id, float... vector) {
    Document.Builder document = Document.newBuilder().setId(id);
    for (float component : vector) {
      document.addVector(component);
    }
    return document.build();
  }

  static AttributeValue string(String value) {
    return AttributeValue.newBuilder().setStringValue(value).build();
  }

  static AttributeValue integer(long value) {
    return AttributeValue.newBuilder().setIntValue(value).build();
  }

  static AttributeValue bool(boolean value) {
    return AttributeValue.newBuilder().setBoolValue(value).build();
  }

  static Filter compare(String attribute, Operator operator, AttributeValue... values) {
    return Filter.newBuilder().setComparison(Comparison.newBuilder()
        .setAttribute(attribute).setOperator(operator).addAllValues(List.of(values))).build();
  }

  static List<String> ids(QueryResponse response) {
    return response.getHitsList().stream().map(SearchHit::getId).toList();
  }
}
