package dev.polystore.admin;

import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code vector migrate --from embedded|turbopuffer --to turbopuffer|embedded [--namespace-prefix P]}:
 * copies every namespace with the prefix, page by page, upserting by id, so a re-run after a failure
 * (or after more writes to the source) converges instead of duplicating. It never deletes from the
 * target: a document deleted from the source after an earlier run stays there, and
 * {@code vector validate} reports it.
 */
public final class VectorMigrate {
  private VectorMigrate() {}

  public static long run(AdminArgs args, Map<String, String> env, PrintStream out) {
    VectorPair pair = VectorPair.open(args, env);
    try (VectorStore from = pair.from(); VectorStore to = pair.to()) {
      List<String> namespaces = from.namespaces(pair.prefix());
      out.printf("[vector migrate] %d namespaces with prefix '%s' from %s to %s%n", namespaces.size(), pair.prefix(),
          pair.fromName(), pair.toName());
      long total = 0;
      for (String namespace : namespaces) {
        total += copy(from, to, namespace, pair.pageSize(), out);
      }
      out.printf("[vector migrate] done: %,d documents in %d namespaces%n", total, namespaces.size());
      return total;
    }
  }

  private static long copy(VectorStore from, VectorStore to, String namespace, int pageSize, PrintStream out) {
    Progress progress = new Progress(out, "vector migrate " + namespace, "documents", from.approximateCount(namespace));
    DocumentCursor cursor = new DocumentCursor(from, namespace, pageSize);
    String lastId = null;
    try {
      for (List<VectorDocument> page = cursor.nextPage(); !page.isEmpty(); page = cursor.nextPage()) {
        to.write(namespace, WriteBatch.upsert(page));
        lastId = page.get(page.size() - 1).id();
        progress.add(page.size());
      }
    } catch (RuntimeException e) {
      throw new AdminFailure("vector migrate: namespace " + namespace + " failed after "
          + (lastId == null ? "no documents" : "id " + lastId) + " (re-run to resume; it upserts by id): " + e.getMessage(), e);
    }
    return progress.finish();
  }
}
