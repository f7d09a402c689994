package dev.polystore.search.domain;

import java.util.List;

/**
 * What one write applies to a workspace's index, all or nothing: documents to upsert whole and ids
 * to delete. One batch per request, so a request never half-applies.
 */
public record DocumentBatch(List<IndexedDocument> upserts, List<String> deletes) {
  public DocumentBatch {
    upserts = List.copyOf(upserts);
    deletes = List.copyOf(deletes);
  }

  public static DocumentBatch upsert(List<IndexedDocument> documents) {
    return new DocumentBatch(documents, List.of());
  }

  public static DocumentBatch delete(List<String> ids) {
    return new DocumentBatch(List.of(), ids);
  }
}
