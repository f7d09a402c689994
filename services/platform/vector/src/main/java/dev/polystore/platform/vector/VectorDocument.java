package dev.polystore.platform.vector;

import java.util.Map;
import java.util.Objects;

/**
 * A document as a vector store keeps it: every document has a vector; the text is indexed for BM25.
 *
 * @param text empty when the document has none
 */
public record VectorDocument(String id, float[] vector, String text, Map<String, AttributeValue> attributes) {
  public VectorDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
    text = text == null ? "" : text;
    attributes = Map.copyOf(attributes);
  }
}
