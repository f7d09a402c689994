package dev.polystore.platform.vector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a namespace has fixed: the dimension of its vectors (set by its first document) and the type
 * of each attribute (set by the attribute's first value).
 */
public record NamespaceSchema(int dimension, Map<String, AttributeType> attributes) {
  public NamespaceSchema {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, was " + dimension);
    }
    attributes = Map.copyOf(attributes);
  }

  /**
   * The schema after {@code documents} are written to a namespace that has {@code current} (null for
   * a new namespace). Throws {@link SchemaConflictException} when a document does not fit.
   */
  public static NamespaceSchema extend(NamespaceSchema current, List<VectorDocument> documents) {
    int dimension = current == null ? 0 : current.dimension;
    Map<String, AttributeType> attributes = new HashMap<>(current == null ? Map.of() : current.attributes);
    for (VectorDocument document : documents) {
      if (dimension == 0) {
        dimension = document.vector().length;
      } else if (document.vector().length != dimension) {
        throw new SchemaConflictException("document " + document.id() + " has a vector of "
            + document.vector().length + " dimensions; the namespace's vectors have " + dimension);
      }
      document.attributes().forEach((name, value) -> {
        AttributeType known = attributes.putIfAbsent(name, value.type());
        if (known != null && known != value.type()) {
          throw new SchemaConflictException("document " + document.id() + " has a " + value.type()
              + " attribute " + name + "; the namespace's " + name + " is " + known);
        }
      });
    }
    if (dimension == 0) {
      return current;
    }
    return new NamespaceSchema(dimension, attributes);
  }
}
