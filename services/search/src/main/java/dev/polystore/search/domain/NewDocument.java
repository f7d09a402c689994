package dev.polystore.search.domain;

import java.util.Map;

/**
 * A document as a caller sends it.
 *
 * @param text empty when the document has none
 * @param vector empty when the service should embed the text
 */
public record NewDocument(String id, String text, float[] vector, Map<String, AttributeValue> attributes) {
  public NewDocument {
    text = text == null ? "" : text;
    vector = vector == null ? new float[0] : vector;
    attributes = Map.copyOf(attributes);
  }

  boolean hasText() {
    return !text.isBlank();
  }

  boolean hasVector() {
    return vector.length > 0;
  }
}
