package dev.polystore.search.store;

import dev.polystore.platform.vector.NamespaceNames;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.SchemaConflictException;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import dev.polystore.search.domain.DocumentBatch;
import dev.polystore.search.domain.IndexSchema;
import dev.polystore.search.domain.RankedQuery;
import dev.polystore.search.domain.ScoredHit;
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
 * to learn attributes that other instances added. The cache holds the binding's schema, which
 * {@link NamespaceSchema#extend} keeps up to date after writes; callers get the domain's.
 *
 * <p>Domain values are mapped to the binding's (and its schema conflicts to the domain's) by
 * {@link VectorMapping}.
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
  public Optional<IndexSchema> schema(String workspaceId, Set<String> attributes) {
    CachedSchema cached = schemas.get(workspaceId);
    if (cached != null && cached.fresh(attributes)) {
      return Optional.of(VectorMapping.schema(cached.schema()));
    }
    Optional<NamespaceSchema> read = store.schema(namespace(workspaceId));
    read.ifPresent(schema -> schemas.put(workspaceId, new CachedSchema(schema, System.nanoTime())));
    return read.map(VectorMapping::schema);
  }

  @Override
  public void write(String workspaceId, DocumentBatch documents) {
    WriteBatch batch = VectorMapping.batch(documents);
    try {
      store.write(namespace(workspaceId), batch);
      if (!batch.upserts().isEmpty()) {
        CachedSchema cached = schemas.get(workspaceId);
        NamespaceSchema written = NamespaceSchema.extend(cached == null ? null : cached.schema(), batch.upserts());
        schemas.put(workspaceId, new CachedSchema(written, cached == null ? System.nanoTime() : cached.readAtNanos()));
      }
    } catch (SchemaConflictException e) {
      throw VectorMapping.conflict(e);
    }
  }

  @Override
  public List<ScoredHit> query(String workspaceId, RankedQuery query) {
    return store.query(namespace(workspaceId), VectorMapping.query(query)).stream().map(VectorMapping::hit).toList();
  }
}
