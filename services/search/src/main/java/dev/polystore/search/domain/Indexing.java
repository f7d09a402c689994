package dev.polystore.search.domain;

import dev.polystore.platform.errors.ServiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes documents to a workspace's namespace. Every document of a batch is checked against the
 * rules the contract cannot express (distinct ids, text or vector, the workspace's dimension and
 * attribute types) before any is written; texts without vectors are embedded, then the batch is
 * written in one store write.
 */
public final class Indexing {
  private final SearchIndex index;
  private final Embedder embedder;

  public Indexing(SearchIndex index, Embedder embedder) {
    this.index = index;
    this.embedder = embedder;
  }

  public UpsertResult upsert(String workspaceId, List<NewDocument> documents) {
    Set<String> attributeNames = new HashSet<>();
    documents.forEach(d -> attributeNames.addAll(d.attributes().keySet()));
    Optional<IndexSchema> schema = index.schema(workspaceId, attributeNames);

    Violations violations = new Violations();
    Map<String, Integer> firstIndexOfId = new HashMap<>();
    Map<String, AttributeKind> types = new HashMap<>(schema.map(IndexSchema::attributes).orElse(Map.of()));
    int dimension = schema.map(IndexSchema::dimension).orElse(0);
    String dimensionSource = "this workspace's vectors";
    for (int i = 0; i < documents.size(); i++) {
      NewDocument document = documents.get(i);
      String path = "documents[" + i + "]";
      Integer earlier = firstIndexOfId.putIfAbsent(document.id(), i);
      if (earlier != null) {
        violations.add(path + ".id", "documents.id.unique", "repeats the id of documents[" + earlier + "]");
      }
      if (!document.hasText() && !document.hasVector()) {
        violations.add(path + ".text", "document.text_or_vector", "a document needs text, a vector, or both");
        continue;
      }
      int own = document.hasVector() ? document.vector().length : embedder.dimension();
      if (document.hasVector() && Vectors.isZero(document.vector())) {
        violations.add(path + ".vector", "vector.not_zero", "must not be all zeros: cosine similarity is undefined for it");
      } else if (dimension == 0) {
        dimension = own;
        dimensionSource = path + (document.hasVector() ? ".vector" : "'s embedded text");
      } else if (own != dimension) {
        violations.add(path + ".vector", document.hasVector() ? "vector.dimension" : "vector.required",
            document.hasVector()
                ? "has " + own + " dimensions; " + dimensionSource + " have " + dimension
                : "text is embedded with " + own + " dimensions, but " + dimensionSource + " have " + dimension
                    + ": give this document a vector");
      }
      checkAttributeKinds(path, document, types, violations);
    }
    violations.throwIfAny();

    List<IndexedDocument> toWrite = withVectors(documents);
    try {
      index.write(workspaceId, DocumentBatch.upsert(toWrite));
    } catch (SchemaConflict e) {
      // Another writer fixed the schema differently between our check and our write.
      throw ServiceException.invalid("documents", "documents.schema", e.getMessage());
    }
    return new UpsertResult(toWrite.size(), dimension);
  }

  /** Deletes documents by id; ids the workspace does not have are ignored. */
  public void delete(String workspaceId, List<String> ids) {
    if (index.schema(workspaceId, Set.of()).isEmpty()) {
      return; // the workspace has no documents: nothing to delete, and no namespace to create
    }
    index.write(workspaceId, DocumentBatch.delete(ids));
  }

  private static void checkAttributeKinds(String path, NewDocument document, Map<String, AttributeKind> types,
      Violations violations) {
    for (Map.Entry<String, AttributeValue> attribute : document.attributes().entrySet()) {
      AttributeKind known = types.putIfAbsent(attribute.getKey(), attribute.getValue().kind());
      if (known != null && known != attribute.getValue().kind()) {
        violations.add(path + ".attributes[\"" + attribute.getKey() + "\"]", "attributes.type",
            "is a " + attribute.getValue().kind() + "; this workspace's " + attribute.getKey() + " is a " + known);
      }
    }
  }

  private List<IndexedDocument> withVectors(List<NewDocument> documents) {
    List<String> texts = new ArrayList<>();
    for (NewDocument document : documents) {
      if (!document.hasVector()) {
        texts.add(document.text());
      }
    }
    List<float[]> embedded = texts.isEmpty() ? List.of() : embedder.embed(texts);
    List<IndexedDocument> out = new ArrayList<>();
    int next = 0;
    for (NewDocument document : documents) {
      float[] vector = document.hasVector() ? document.vector() : embedded.get(next++);
      out.add(new IndexedDocument(document.id(), vector, document.text(), document.attributes()));
    }
    return out;
  }
}
