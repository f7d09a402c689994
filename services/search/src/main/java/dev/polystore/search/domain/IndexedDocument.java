package dev.polystore.search.domain;

import java.util.Map;
import java.util.Objects;

/**
 * A document as the index keeps it: unlike a {@link NewDocument}, it always has a vector (the
 * caller's, or its text's embedding); its text is indexed for BM25.
 *
 * @param text empty when the document has none
 */
public record IndexedDocument(String id, float[] vector, String text, Map<String, AttributeValue> attributes) {
  public IndexedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
    text = text == null ? "" : text;
    attributes = Map.copyOf(attributes);
  }
}
