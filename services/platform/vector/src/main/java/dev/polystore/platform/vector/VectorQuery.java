package dev.polystore.platform.vector;

import java.util.Map;

/**
 * One ranked query of one namespace.
 *
 * @param filter null to rank every document
 * @param attributes the attributes to return with each hit, with their types
 */
public record VectorQuery(Ranking ranking, Filter filter, int topK, Map<String, AttributeType> attributes) {
  public VectorQuery {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be positive, was " + topK);
    }
    attributes = Map.copyOf(attributes);
  }
}
