package dev.polystore.search.store;

import dev.polystore.platform.vector.NamespaceNames;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import dev.polystore.search.domain.SearchIndex;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspaces' search namespaces on a {@link VectorStore}: workspace W lives in namespace
 * PREFIX + W, so a query can only ever reach its own workspace's documents.
 *
 * <p>Schemas are cached, because with turbopuffer each read is an HTTP round trip. A cached schema
 * stays right for the dimension (fixed forever) and for the attributes it knows (types never
 * change); it is read again when a caller needs an attribute it does not know, or after a while,
 * to learn attributes that other instances added.
 */
public final class VectorSearchIndex implements SearchIndex {
  private static final Duration SCHEMA_TTL = Duration.ofSeconds(10);

  private final VectorStore store;
  private final String prefix;
  private final Map<String, CachedSchema> schemas = new ConcurrentHashMap<>();

  public VectorSearchIndex(VectorStore store, String prefix) {
    this.store = store;
    this.prefix = prefix;
    NamespaceNames.require(prefix + "00000000-0000-0000-0000-000000000000");
  }

  private record CachedSchema(NamespaceSchema schema, long readAtNanos) {
    boolean fresh(Set<String> attributes) {
      return System.nanoTime() - readAtNanos < SCHEMA_TTL.toNanos() && schema.attributes().keySet().containsAll(attributes);
    }
  }

  String namespace(String workspaceId) {
    return NamespaceNames.require(prefix + workspaceId);
  }

  @Override
  public Optional<NamespaceSchema> schema(String workspaceId, Set<String> attributes) {
    CachedSchema cached = schemas.get(workspaceId);
    if (cached != null && cached.fresh(attributes)) {
      return Optional.of(cached.schema());
    }
    Optional<NamespaceSchema> read = store.schema(namespace(workspaceId));
    read.ifPresent(schema -> schemas.put(workspaceId, new CachedSchema(schema, System.nanoTime())));
    return read;
  }

  @Override
  public void write(String workspaceId, WriteBatch batch) {
    store.write(namespace(workspaceId), batch);
    if (!batch.upserts().isEmpty()) {
      CachedSchema cached = schemas.get(workspaceId);
      NamespaceSchema written = NamespaceSchema.extend(cached == null ? null : cached.schema(), batch.upserts());
      schemas.put(workspaceId, new CachedSchema(written, cached == null ? System.nanoTime() : cached.readAtNanos()));
    }
  }

  @Override
  public List<ScoredDocument> query(String workspaceId, VectorQuery query) {
    return store.query(namespace(workspaceId), query);
  }
}
