package dev.polystore.platform.vector.lucene;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * How a document is laid out in Lucene: the id as an exact term, the vector in the HNSW graph
 * (cosine), the text analysed for BM25, and each attribute indexed by type under "a.NAME" and stored.
 */
final class LuceneDocuments {
  static final String ID = "_id";
  static final String VECTOR = "_vector";
  static final String TEXT = "_text";

  private LuceneDocuments() {}

  static String attributeField(String attribute) {
    return "a." + attribute;
  }

  static Document toLucene(VectorDocument document) {
    if (isZero(document.vector())) {
      // Cosine similarity is undefined for a zero vector.
      throw new IllegalArgumentException("document " + document.id() + " has an all-zero vector");
    }
    Document out = new Document();
    out.add(new StringField(ID, document.id(), Store.YES));
    out.add(new KnnFloatVectorField(VECTOR, document.vector(), VectorSimilarityFunction.COSINE));
    if (!document.text().isEmpty()) {
      out.add(new TextField(TEXT, document.text(), Store.YES));
    }
    document.attributes().forEach((name, value) -> {
      String field = attributeField(name);
      switch (value.type()) {
        case STRING -> out.add(new StringField(field, value.asString(), Store.YES));
        case BOOL -> out.add(new StringField(field, Boolean.toString(value.asBoolean()), Store.YES));
        case INT -> {
          out.add(new LongPoint(field, value.asLong()));
          out.add(new StoredField(field, value.asLong()));
        }
        case FLOAT -> {
          out.add(new DoublePoint(field, value.asDouble()));
          out.add(new StoredField(field, value.asDouble()));
        }
      }
    });
    return out;
  }

  /** A stored document as a hit, with the {@code wanted} attributes it has. */
  static ScoredDocument toScored(Document stored, double score, Map<String, AttributeType> wanted) {
    return new ScoredDocument(stored.get(ID), score, stored.get(TEXT), attributes(stored, wanted));
  }

  /** A stored document whole again, with its vector (which HNSW keeps, not the stored fields). */
  static VectorDocument toDocument(Document stored, float[] vector, Map<String, AttributeType> schema) {
    return new VectorDocument(stored.get(ID), vector, stored.get(TEXT), attributes(stored, schema));
  }

  private static Map<String, AttributeValue> attributes(Document stored, Map<String, AttributeType> wanted) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    wanted.forEach((name, type) -> {
      IndexableField field = stored.getField(attributeField(name));
      if (field != null) {
        attributes.put(name, switch (type) {
          case STRING -> AttributeValue.of(field.stringValue());
          case BOOL -> AttributeValue.of(Boolean.parseBoolean(field.stringValue()));
          case INT -> AttributeValue.of(field.numericValue().longValue());
          case FLOAT -> AttributeValue.of(field.numericValue().doubleValue());
        });
      }
    });
    return attributes;
  }

  private static boolean isZero(float[] vector) {
    for (float component : vector) {
      if (component != 0f) {
        return false;
      }
    }
    return true;
  }
}
