package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.vector.NamespaceNames;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * turbopuffer through its v2 HTTP API (our own client: the official Java SDK is not available to
 * our build). Namespaces are created by their first write; an OK from a write means durable.
 */
public final class TurbopufferVectorStore implements VectorStore {
  private final TurbopufferHttp http;

  public TurbopufferVectorStore(TurbopufferConfig config) {
    this.http = new TurbopufferHttp(config);
  }

  /** Nothing to migrate: turbopuffer creates a namespace, with its schema, on the first write. */
  @Override
  public void migrate() {
  }

  /** Lists one namespace: proves turbopuffer answers and accepts the API key. */
  @Override
  public boolean isReachable() {
    return http.answers("/v1/namespaces?page_size=1", Duration.ofSeconds(1));
  }

  @Override
  public Optional<NamespaceSchema> schema(String namespace) {
    return http.sendOrAbsent("GET", "/v1/namespaces/" + NamespaceNames.require(namespace) + "/schema", null)
        .flatMap(TurbopufferCodec::namespaceSchema);
  }

  @Override
  public void write(String namespace, WriteBatch batch) {
    NamespaceNames.require(namespace);
    if (batch.upserts().isEmpty() && batch.deletes().isEmpty()) {
      return;
    }
    NamespaceSchema declared = batch.upserts().isEmpty() ? null : NamespaceSchema.extend(null, batch.upserts());
    try {
      http.send("POST", "/v2/namespaces/" + namespace, TurbopufferCodec.writeBody(batch, declared));
    } catch (TurbopufferException e) {
      // Deleting from a namespace that was never written has nothing to do: a 404 says so only
      // when the namespace is indeed missing. Any other 404 on a write is an error, never dropped.
      boolean nothingToDelete = e.status() == 404 && batch.upserts().isEmpty() && schema(namespace).isEmpty();
      if (!nothingToDelete) {
        throw e;
      }
    }
  }

  @Override
  public List<ScoredDocument> query(String namespace, VectorQuery query) {
    return http.sendOrAbsent("POST", "/v2/namespaces/" + NamespaceNames.require(namespace) + "/query",
            TurbopufferCodec.queryBody(query))
        .map(answer -> TurbopufferCodec.hits(answer, query))
        .orElse(List.of());
  }

  @Override
  public void deleteNamespace(String namespace) {
    http.sendOrAbsent("DELETE", "/v2/namespaces/" + NamespaceNames.require(namespace), null);
  }

  @Override
  public void close() {
    // java.net.http.HttpClient on Java 17 has no close(); its threads end with the JVM's.
  }
}
