package dev.polystore.platform.vector;

import dev.polystore.platform.health.ManagedStore;
import java.util.List;
import java.util.Optional;

/**
 * A vector database of namespaces of documents: turbopuffer in production, the embedded Lucene engine
 * locally. Both pass the same conformance suite. A namespace exists from its first write.
 */
public interface VectorStore extends ManagedStore, AutoCloseable {
  /** The namespace's dimension and attribute types; empty when the namespace does not exist. */
  Optional<NamespaceSchema> schema(String namespace);

  /**
   * Applies the batch; when this returns, the batch is durable and visible to queries. Throws
   * {@link SchemaConflictException} (embedded engine) when the batch does not fit the schema.
   */
  void write(String namespace, WriteBatch batch);

  /** The best {@code topK} documents, best first; empty for a namespace that does not exist. */
  List<ScoredDocument> query(String namespace, VectorQuery query);

  /** Deletes the namespace and all its documents; nothing happens when it does not exist. */
  void deleteNamespace(String namespace);

  @Override
  void close();
}
