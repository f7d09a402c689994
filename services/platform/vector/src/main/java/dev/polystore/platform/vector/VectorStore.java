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

  /**
   * The names of the namespaces that exist and start with {@code prefix} ("" for all), in
   * {@link IdOrder}. For tooling that walks a whole store (polystore-admin), never a request path.
   */
  List<String> namespaces(String prefix);

  /**
   * Up to {@code limit} documents of the namespace whose ids come after {@code afterId} (null: from
   * the first), whole (vector, text, every attribute) and in {@link IdOrder}; a page shorter than
   * {@code limit} is the last. Empty for a namespace that does not exist. Documents written while
   * a walk runs may or may not be seen by it.
   */
  List<VectorDocument> documents(String namespace, String afterId, int limit);

  /** About how many documents the namespace holds, 0 when it does not exist: for progress, never for checks. */
  long approximateCount(String namespace);

  /** Deletes the namespace and all its documents; nothing happens when it does not exist. */
  void deleteNamespace(String namespace);

  @Override
  void close();
}
