package dev.polystore.search.domain;

import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The workspaces' search namespaces, one per workspace; implemented by the store package. */
public interface SearchIndex {
  /**
   * The workspace's schema; empty when it has no documents yet. The answer knows at least the
   * attributes named in {@code attributes} that exist (a cached schema is refreshed for them).
   */
  Optional<NamespaceSchema> schema(String workspaceId, Set<String> attributes);

  /** Applies the batch; durable and visible to queries when it returns. */
  void write(String workspaceId, WriteBatch batch);

  /** The workspace's best documents for one ranking; empty when it has no documents. */
  List<ScoredDocument> query(String workspaceId, VectorQuery query);
}
