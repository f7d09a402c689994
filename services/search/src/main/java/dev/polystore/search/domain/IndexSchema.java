package dev.polystore.search.domain;

import java.util.Map;

/**
 * What a workspace's index has fixed: the dimension of its vectors (set by its first document) and
 * the kind of each attribute (set by the attribute's first value). Queries and new documents must
 * fit it.
 */
public record IndexSchema(int dimension, Map<String, AttributeKind> attributes) {
  public IndexSchema {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, was " + dimension);
    }
    attributes = Map.copyOf(attributes);
  }
}
