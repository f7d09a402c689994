package dev.polystore.platform.vector.lucene;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.NamespaceSchema;
import java.util.HashMap;
import java.util.Map;

/**
 * A namespace's schema in the user data of its Lucene commits, so that it is committed atomically
 * with the documents that set it and read back on restart.
 */
final class LuceneSchemas {
  private static final String DIMENSION = "polystore.dimension";
  private static final String ATTRIBUTE = "polystore.attribute.";

  private LuceneSchemas() {}

  static Map<String, String> toCommitData(NamespaceSchema schema) {
    Map<String, String> data = new HashMap<>();
    data.put(DIMENSION, Integer.toString(schema.dimension()));
    schema.attributes().forEach((name, type) -> data.put(ATTRIBUTE + name, type.name()));
    return data;
  }

  /** Null when the commit holds no schema yet (an index with no document written). */
  static NamespaceSchema fromCommitData(Map<String, String> data) {
    String dimension = data.get(DIMENSION);
    if (dimension == null) {
      return null;
    }
    Map<String, AttributeType> attributes = new HashMap<>();
    data.forEach((key, value) -> {
      if (key.startsWith(ATTRIBUTE)) {
        attributes.put(key.substring(ATTRIBUTE.length()), AttributeType.valueOf(value));
      }
    });
    return new NamespaceSchema(Integer.parseInt(dimension), attributes);
  }
}
