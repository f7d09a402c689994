package dev.polystore.platform.vector;

import java.util.Map;

/** One hit of a query; a higher score is better (see {@link Ranking} for what it measures). */
public record ScoredDocument(String id, double score, String text, Map<String, AttributeValue> attributes) {
  public ScoredDocument {
    text = text == null ? "" : text;
    attributes = Map.copyOf(attributes);
  }
}
