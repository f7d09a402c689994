package dev.polystore.search.domain;

import java.util.Map;

/** One document a query found, with its score; a higher score is better (the {@link Ranking} says what it measures). */
public record ScoredHit(String id, double score, String text, Map<String, AttributeValue> attributes) {
  public ScoredHit {
    text = text == null ? "" : text;
    attributes = Map.copyOf(attributes);
  }
}
