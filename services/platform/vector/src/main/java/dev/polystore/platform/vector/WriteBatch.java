package dev.polystore.platform.vector;

import java.util.List;

/** What one write applies to a namespace, all or nothing: documents to upsert whole and ids to delete. */
public record WriteBatch(List<VectorDocument> upserts, List<String> deletes) {
  public WriteBatch {
    upserts = List.copyOf(upserts);
    deletes = List.copyOf(deletes);
  }

  public static WriteBatch upsert(List<VectorDocument> documents) {
    return new WriteBatch(documents, List.of());
  }

  public static WriteBatch delete(List<String> ids) {
    return new WriteBatch(List.of(), ids);
  }
}
