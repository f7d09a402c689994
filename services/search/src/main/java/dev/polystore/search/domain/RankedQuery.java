package dev.polystore.search.domain;

import java.util.Map;

/**
 * One ranking of one workspace's documents, as the domain asks its index for it once the query has
 * passed the rules.
 *
 * @param filter null to rank every document
 * @param attributes the attributes to return with each hit, with their kinds (the workspace's schema)
 */
public record RankedQuery(Ranking ranking, SearchFilter filter, int topK, Map<String, AttributeKind> attributes) {
  public RankedQuery {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be positive, was " + topK);
    }
    attributes = Map.copyOf(attributes);
  }
}
