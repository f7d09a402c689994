package dev.polystore.search.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The workspaces' search namespaces, one per workspace; implemented by the store package. */
public interface SearchIndex {
  /**
   * The workspace's schema; empty when it has no documents yet. The answer knows at least the
   * attributes named in {@code attributes} that exist (a cached schema is refreshed for them).
   */
  Optional<IndexSchema> schema(String workspaceId, Set<String> attributes);

  /**
   * Applies the batch; durable and visible to queries when it returns.
   *
   * @throws SchemaConflict when a document does not fit the workspace's schema (nothing is written)
   */
  void write(String workspaceId, DocumentBatch batch);

  /** The workspace's best documents for one ranking; empty when it has no documents. */
  List<ScoredHit> query(String workspaceId, RankedQuery query);
}
