package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.vector.IdOrder;
import dev.polystore.platform.vector.NamespaceNames;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * turbopuffer through its v2 HTTP API (our own client: the official Java SDK is not available to
 * our build). Namespaces are created by their first write; an OK from a write means durable.
 */
public final class TurbopufferVectorStore implements VectorStore {
  /** turbopuffer's largest page of namespaces. */
  private static final int NAMESPACE_PAGE = 1000;
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

  /** GET /v1/namespaces with the prefix, page after page while turbopuffer gives a next_cursor. */
  @Override
  public List<String> namespaces(String prefix) {
    List<String> names = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/v1/namespaces?page_size=" + NAMESPACE_PAGE + "&prefix=" + encode(prefix)
          + (cursor == null ? "" : "&cursor=" + encode(cursor));
      JsonNode page = http.send("GET", path, null);
      page.path("namespaces").forEach(namespace -> names.add(namespace.path("id").asString()));
      cursor = page.path("next_cursor").asString(null);
    } while (cursor != null && !cursor.isEmpty());
    names.sort(IdOrder.ORDER);
    return names;
  }

  /** A query ranked by id with an id filter after the last page, as turbopuffer's export guide pages. */
  @Override
  public List<VectorDocument> documents(String namespace, String afterId, int limit) {
    Optional<NamespaceSchema> schema = schema(namespace);
    if (schema.isEmpty()) {
      return List.of();
    }
    return http.sendOrAbsent("POST", "/v2/namespaces/" + namespace + "/query",
            TurbopufferCodec.pageBody(afterId, limit, schema.get()))
        .map(answer -> TurbopufferCodec.documents(answer, schema.get()))
        .orElse(List.of());
  }

  /** approx_row_count of GET /v1/namespaces/:namespace/metadata. */
  @Override
  public long approximateCount(String namespace) {
    return http.sendOrAbsent("GET", "/v1/namespaces/" + NamespaceNames.require(namespace) + "/metadata", null)
        .map(metadata -> metadata.path("approx_row_count").asLong(0))
        .orElse(0L);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
